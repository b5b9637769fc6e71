import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The matching engine's state: one book per commodity, its offers (terms as the engine last
 * applied them, quantities in thousandths) and, per partition of orders.matching.v1, the offset
 * of the last input applied — the fence that makes a partition's inputs apply once, in order.
 */
export class CreateMatchingBook1764400300000 implements MigrationInterface {
  name = 'CreateMatchingBook1764400300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE matching_books (
        commodity_code text PRIMARY KEY,
        next_seq bigint NOT NULL,
        clock bigint NOT NULL,
        ceiling_idr bigint,
        ceiling_reference text
      )`);
    await queryRunner.query(`
      CREATE TABLE book_offers (
        offer_id uuid PRIMARY KEY,
        commodity_code text NOT NULL,
        seq bigint NOT NULL,
        terms jsonb NOT NULL,
        allocated bigint NOT NULL CHECK (allocated >= 0),
        remaining bigint NOT NULL CHECK (remaining >= 0),
        closed_reason text
      )`);
    await queryRunner.query(
      'CREATE INDEX book_offers_open_idx ON book_offers (commodity_code, seq) WHERE closed_reason IS NULL',
    );
    await queryRunner.query(`
      CREATE TABLE matching_cursors (
        topic text NOT NULL,
        partition integer NOT NULL,
        last_offset bigint NOT NULL,
        PRIMARY KEY (topic, partition)
      )`);
    // The intake's copy of catalog terms, merged from published and changed events.
    await queryRunner.query(`
      ALTER TABLE offer_book
        ADD COLUMN min_order_quantity numeric(14,3),
        ADD COLUMN best_before timestamptz,
        ADD COLUMN certificates text[] NOT NULL DEFAULT '{}',
        ADD COLUMN closed_reason text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE offer_book DROP COLUMN min_order_quantity, DROP COLUMN best_before, DROP COLUMN certificates, DROP COLUMN closed_reason',
    );
    await queryRunner.query('DROP TABLE matching_cursors');
    await queryRunner.query('DROP TABLE book_offers');
    await queryRunner.query('DROP TABLE matching_books');
  }
}
