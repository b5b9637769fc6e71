import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOfferProductionTerms1764300800000 implements MigrationInterface {
  name = 'AddOfferProductionTerms1764300800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE supply_offers
        ADD COLUMN min_order_quantity numeric(14,3) NULL CHECK (min_order_quantity > 0),
        ADD COLUMN production_date timestamptz NULL,
        ADD COLUMN shelf_life_ends_at timestamptz NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE supply_offers
        DROP COLUMN shelf_life_ends_at,
        DROP COLUMN production_date,
        DROP COLUMN min_order_quantity`);
  }
}
