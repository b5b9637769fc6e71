import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRequestsAndOrders1764400200000 implements MigrationInterface {
  name = 'CreateRequestsAndOrders1764400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE purchase_requests (
        id uuid PRIMARY KEY,
        buyer_id text NOT NULL REFERENCES buyers (id),
        commodity_code text NOT NULL,
        unit text NOT NULL,
        quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
        filled numeric(14,3) NOT NULL DEFAULT 0 CHECK (filled >= 0 AND filled <= quantity),
        max_unit_price_idr bigint NOT NULL,
        min_grade text NOT NULL,
        destination_code text NOT NULL REFERENCES buyer_destinations (code),
        deliver_by timestamptz NOT NULL,
        allow_partial boolean NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'partially_matched', 'matched', 'cancelled', 'expired')),
        unfilled_reasons jsonb NOT NULL DEFAULT '[]',
        -- The engine's form of the request and its place in the book (null until the engine saw it).
        terms jsonb NOT NULL,
        book_seq bigint,
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      "CREATE INDEX purchase_requests_book_idx ON purchase_requests (commodity_code, book_seq) WHERE status IN ('open', 'partially_matched')",
    );
    await queryRunner.query(
      'CREATE INDEX purchase_requests_buyer_idx ON purchase_requests (buyer_id, submitted_at DESC)',
    );
    await queryRunner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES purchase_requests (id),
        buyer_id text NOT NULL,
        commodity_code text NOT NULL,
        unit text NOT NULL,
        destination_code text NOT NULL,
        deliver_by timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('confirmed', 'in_fulfilment', 'delivered', 'partially_delivered', 'closed', 'cancelled')),
        status_reason text,
        total_idr bigint NOT NULL,
        shipment_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX orders_buyer_idx ON orders (buyer_id, created_at DESC)');
    await queryRunner.query('CREATE INDEX orders_request_idx ON orders (request_id)');
    await queryRunner.query(`
      CREATE TABLE order_lines (
        allocation_id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        offer_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
        unit_price_idr bigint NOT NULL,
        explanation jsonb NOT NULL,
        released_at timestamptz,
        received numeric(14,3),
        rejected numeric(14,3),
        rejection_reason text
      )`);
    await queryRunner.query('CREATE INDEX order_lines_order_idx ON order_lines (order_id)');
    await queryRunner.query('CREATE INDEX order_lines_offer_idx ON order_lines (offer_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE order_lines');
    await queryRunner.query('DROP TABLE orders');
    await queryRunner.query('DROP TABLE purchase_requests');
  }
}
