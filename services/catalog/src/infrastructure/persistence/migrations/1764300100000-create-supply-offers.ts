import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSupplyOffers1764300100000 implements MigrationInterface {
  name = 'CreateSupplyOffers1764300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE supply_offers (
        id uuid PRIMARY KEY,
        producer_id uuid NOT NULL,
        commodity_code text NOT NULL,
        quantity_amount numeric(14,3) NOT NULL CHECK (quantity_amount > 0),
        remaining_amount numeric(14,3) NOT NULL CHECK (remaining_amount >= 0),
        unit text NOT NULL,
        unit_price_idr bigint NOT NULL CHECK (unit_price_idr > 0),
        grade text NOT NULL,
        available_from timestamptz NOT NULL,
        available_until timestamptz NOT NULL,
        origin_hub text NOT NULL,
        status text NOT NULL,
        published_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX supply_offers_commodity_idx ON supply_offers (commodity_code, status)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE supply_offers');
  }
}
