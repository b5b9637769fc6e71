import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AllowDraftOffers1764300900000 implements MigrationInterface {
  name = 'AllowDraftOffers1764300900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE supply_offers DROP CONSTRAINT supply_offers_status_check');
    await queryRunner.query(
      "ALTER TABLE supply_offers ADD CONSTRAINT supply_offers_status_check CHECK (status IN ('draft', 'published', 'partially_allocated', 'sold_out', 'withdrawn', 'expired'))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE supply_offers DROP CONSTRAINT supply_offers_status_check');
    await queryRunner.query(
      "ALTER TABLE supply_offers ADD CONSTRAINT supply_offers_status_check CHECK (status IN ('published', 'partially_allocated', 'sold_out', 'withdrawn', 'expired'))",
    );
  }
}
