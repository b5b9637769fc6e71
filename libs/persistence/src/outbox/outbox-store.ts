import type { EntityManager } from 'typeorm';
import { outboxAppended } from './outbox-commit-signal';

export interface OutboxRecord {
  topic: string;
  key: string;
  eventId: string;
  eventType: string;
  eventVersion: number;
  /** The serialised envelope. */
  value: string;
}

export interface PendingOutboxRow extends OutboxRecord {
  seq: string;
}

/**
 * Appends events to the outbox inside the caller's transaction: one multi-row insert. The relay of
 * this process is told when that transaction commits (see `onOutboxCommit`).
 */
export async function appendToOutbox(
  manager: EntityManager,
  records: readonly OutboxRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await manager.query(
    `INSERT INTO outbox (topic, message_key, event_id, event_type, event_version, value)
     SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::int[], $6::text[])`,
    [
      records.map((r) => r.topic),
      records.map((r) => r.key),
      records.map((r) => r.eventId),
      records.map((r) => r.eventType),
      records.map((r) => r.eventVersion),
      records.map((r) => r.value),
    ],
  );
  outboxAppended(manager);
}

export async function fetchUnpublished(
  manager: EntityManager,
  limit: number,
): Promise<PendingOutboxRow[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT seq, topic, message_key, event_id, event_type, event_version, value
       FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({
    seq: String(row['seq']),
    topic: row['topic'] as string,
    key: row['message_key'] as string,
    eventId: row['event_id'] as string,
    eventType: row['event_type'] as string,
    eventVersion: Number(row['event_version']),
    value: row['value'] as string,
  }));
}

export async function markPublished(
  manager: EntityManager,
  seqs: readonly string[],
): Promise<void> {
  if (seqs.length === 0) return;
  await manager.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [
    seqs,
  ]);
}

export async function countUnpublished(manager: EntityManager): Promise<number> {
  const [row] = await manager.query(
    'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
  );
  return row.n;
}
