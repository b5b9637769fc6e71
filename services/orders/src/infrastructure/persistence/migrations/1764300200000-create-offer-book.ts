import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOfferBook1764300200000 implements MigrationInterface {
  name = 'CreateOfferBook1764300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE offer_book (
        offer_id uuid PRIMARY KEY,
        producer_id uuid NOT NULL,
        commodity_code text NOT NULL,
        unit text NOT NULL,
        offered_amount numeric(14,3) NOT NULL,
        remaining_amount numeric(14,3) NOT NULL CHECK (remaining_amount >= 0),
        unit_price_idr bigint NOT NULL,
        grade text NOT NULL,
        available_from timestamptz NOT NULL,
        available_until timestamptz NOT NULL,
        origin_hub text NOT NULL,
        source_event_id uuid NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX offer_book_commodity_idx ON offer_book (commodity_code)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE offer_book');
  }
}
