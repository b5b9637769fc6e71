import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AllowExpiredOffers1764300700000 implements MigrationInterface {
  name = 'AllowExpiredOffers1764300700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE supply_offers DROP CONSTRAINT supply_offers_status_check');
    await queryRunner.query(
      "ALTER TABLE supply_offers ADD CONSTRAINT supply_offers_status_check CHECK (status IN ('published', 'partially_allocated', 'sold_out', 'withdrawn', 'expired'))",
    );
    // The sweep looks for open offers by end of window.
    await queryRunner.query(
      "CREATE INDEX supply_offers_open_until_idx ON supply_offers (available_until) WHERE status IN ('published', 'partially_allocated')",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX supply_offers_open_until_idx');
    await queryRunner.query('ALTER TABLE supply_offers DROP CONSTRAINT supply_offers_status_check');
    await queryRunner.query(
      "ALTER TABLE supply_offers ADD CONSTRAINT supply_offers_status_check CHECK (status IN ('published', 'partially_allocated', 'sold_out', 'withdrawn'))",
    );
  }
}
