import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The BUMD feed: every event of a BUMD's own requests, orders and shipments, numbered per BUMD
 * (the SSE `id`), the BUMD's webhook subscriptions, one delivery row per subscription and event,
 * and every attempt made. `bumd_streams.last_seq` hands out numbers under a row lock, so numbers
 * commit in order and a reader resuming after number N never skips one committed later.
 */
export class CreateBumdFeed1764500000000 implements MigrationInterface {
  name = 'CreateBumdFeed1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE bumd_streams (
        buyer_id text PRIMARY KEY REFERENCES buyers (id),
        last_seq bigint NOT NULL DEFAULT 0,
        kafka_topic_enabled boolean NOT NULL DEFAULT false
      )`);
    await runner.query(`
      CREATE TABLE bumd_events (
        buyer_id text NOT NULL REFERENCES bumd_streams (buyer_id),
        seq bigint NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        event_time timestamptz NOT NULL,
        ordering_key text NOT NULL,
        replay boolean NOT NULL DEFAULT false,
        body text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (buyer_id, seq),
        UNIQUE (buyer_id, event_id)
      )`);
    await runner.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        buyer_id text NOT NULL REFERENCES buyers (id),
        url text NOT NULL,
        description text,
        event_types text[] NOT NULL,
        include_replays boolean NOT NULL DEFAULT false,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        status text NOT NULL CHECK (status IN ('active', 'paused', 'deleted')),
        paused_reason text,
        paused_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      "CREATE INDEX webhook_subscriptions_buyer ON webhook_subscriptions (buyer_id) WHERE status <> 'deleted'",
    );
    await runner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
        buyer_id text NOT NULL,
        seq bigint NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        ordering_key text NOT NULL,
        replay boolean NOT NULL DEFAULT false,
        state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        failures_since_queued int NOT NULL DEFAULT 0,
        queued_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        last_attempt_at timestamptz,
        last_status_code int,
        last_error text,
        UNIQUE (subscription_id, event_id)
      )`);
    await runner.query(
      "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'",
    );
    await runner.query(
      "CREATE INDEX webhook_deliveries_open_per_key ON webhook_deliveries (subscription_id, ordering_key, seq) WHERE state IN ('pending', 'failed')",
    );
    await runner.query(
      'CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, seq DESC)',
    );
    await runner.query(`
      CREATE TABLE webhook_attempts (
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id),
        attempt int NOT NULL,
        started_at timestamptz NOT NULL,
        duration_ms int NOT NULL,
        status_code int,
        error text,
        PRIMARY KEY (delivery_id, attempt)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE webhook_attempts');
    await runner.query('DROP TABLE webhook_deliveries');
    await runner.query('DROP TABLE webhook_subscriptions');
    await runner.query('DROP TABLE bumd_events');
    await runner.query('DROP TABLE bumd_streams');
  }
}
