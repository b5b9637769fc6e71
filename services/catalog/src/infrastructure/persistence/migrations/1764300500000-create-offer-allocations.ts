import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOfferAllocations1764300500000 implements MigrationInterface {
  name = 'CreateOfferAllocations1764300500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE offer_allocations (
        allocation_id uuid PRIMARY KEY,
        offer_id uuid NOT NULL REFERENCES supply_offers (id),
        quantity_amount numeric(14,3) NOT NULL CHECK (quantity_amount > 0),
        unit text NOT NULL,
        allocated_at timestamptz NOT NULL,
        released_at timestamptz NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX offer_allocations_offer_idx ON offer_allocations (offer_id)',
    );
    await queryRunner.query(
      "ALTER TABLE supply_offers ADD CONSTRAINT supply_offers_status_check CHECK (status IN ('published', 'partially_allocated', 'sold_out'))",
    );
    await queryRunner.query(
      'ALTER TABLE supply_offers ADD CONSTRAINT supply_offers_remaining_check CHECK (remaining_amount <= quantity_amount)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE supply_offers DROP CONSTRAINT supply_offers_remaining_check',
    );
    await queryRunner.query('ALTER TABLE supply_offers DROP CONSTRAINT supply_offers_status_check');
    await queryRunner.query('DROP TABLE offer_allocations');
  }
}
