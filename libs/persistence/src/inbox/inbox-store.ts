import type { EntityManager } from 'typeorm';

export interface InboxEntry {
  eventId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Records that `consumer` applies these events, inside the caller's transaction.
 * Returns the ids that were not recorded before: only those may take effect.
 */
export async function claimInboxEntries(
  manager: EntityManager,
  consumer: string,
  entries: readonly InboxEntry[],
): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const rows: Array<{ event_id: string }> = await manager.query(
    `INSERT INTO inbox (consumer, event_id, event_type, topic, partition, kafka_offset)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::bigint[])
     ON CONFLICT (consumer, event_id) DO NOTHING
     RETURNING event_id`,
    [
      consumer,
      entries.map((e) => e.eventId),
      entries.map((e) => e.eventType),
      entries.map((e) => e.topic),
      entries.map((e) => e.partition),
      entries.map((e) => e.offset),
    ],
  );
  return new Set(rows.map((row) => row.event_id));
}
