import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutboxAndInbox1764300000000 implements MigrationInterface {
  name = 'CreateOutboxAndInbox1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        event_version integer NOT NULL,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_unpublished_idx ON outbox (seq) WHERE published_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        kafka_offset bigint NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inbox');
    await queryRunner.query('DROP TABLE outbox');
  }
}
