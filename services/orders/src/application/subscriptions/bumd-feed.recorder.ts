import { Injectable } from '@nestjs/common';
import {
  BUMD_FEED_TOPIC_NAMES,
  bumdTopicFor,
  EVENT_CATALOG,
  type EventEnvelope,
} from '@simpul/contracts';
import type { ConsumedEvent } from '@simpul/messaging';
import { appendToOutbox, type OutboxRecord } from '@simpul/persistence';
import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from 'typeorm';

/** The streams a BUMD's feed is made of (defined with the topics). */
export const BUMD_FEED_TOPICS = BUMD_FEED_TOPIC_NAMES;

/** Every event type a BUMD can receive (and subscribe to by name). */
export const BUMD_EVENT_TYPES: readonly string[] = EVENT_CATALOG.filter((definition) =>
  BUMD_FEED_TOPICS.includes(definition.topic.name),
).map((definition) => definition.type);

const FEED_TYPES = new Set(BUMD_EVENT_TYPES);

/** Events that belong in some BUMD's feed: a feed type with a tenant. */
export function belongsInFeed(envelope: EventEnvelope): boolean {
  return FEED_TYPES.has(envelope.type) && typeof envelope.tenantId === 'string';
}

interface FeedRow {
  buyerId: string;
  seq: number;
  event: ConsumedEvent;
  body: string;
  orderingKey: string;
}

/**
 * Files each event of a BUMD's business into that BUMD's feed, in the consumer's inbox
 * transaction: numbered in the BUMD's stream (SSE ids), queued for each webhook subscription that
 * wants its type, and copied to the BUMD's own topic through the outbox when that is enabled.
 * Replays (events marked `simpul-replay`) are filed and marked; only subscriptions that asked
 * for replays get them, and the BUMD's topic never does.
 */
@Injectable()
export class BumdFeedRecorder {
  async record(events: readonly ConsumedEvent[], manager: EntityManager): Promise<void> {
    const tenants = [...new Set(events.map((e) => e.envelope.tenantId as string))];
    const buyers = new Set(
      (
        (await manager.query('SELECT id FROM buyers WHERE id = ANY($1)', [tenants])) as {
          id: string;
        }[]
      ).map((row) => row.id),
    );
    // One BUMD's numbers are taken under its stream row's lock, held to commit: numbers commit in
    // order. Buyers are locked in id order, so concurrent partitions cannot deadlock.
    const byBuyer = new Map<string, ConsumedEvent[]>();
    for (const event of events) {
      const buyerId = event.envelope.tenantId as string;
      if (!buyers.has(buyerId)) continue;
      byBuyer.set(buyerId, [...(byBuyer.get(buyerId) ?? []), event]);
    }
    const rows: FeedRow[] = [];
    const topicEnabled = new Set<string>();
    for (const buyerId of [...byBuyer.keys()].sort()) {
      const own = byBuyer.get(buyerId) as ConsumedEvent[];
      const [stream] = (await manager.query(
        `INSERT INTO bumd_streams (buyer_id, last_seq) VALUES ($1, $2)
         ON CONFLICT (buyer_id) DO UPDATE SET last_seq = bumd_streams.last_seq + EXCLUDED.last_seq
         RETURNING last_seq::int AS last, kafka_topic_enabled AS "topicEnabled"`,
        [buyerId, own.length],
      )) as { last: number; topicEnabled: boolean }[];
      if (stream.topicEnabled) topicEnabled.add(buyerId);
      own.forEach((event, index) =>
        rows.push({
          buyerId,
          seq: stream.last - own.length + 1 + index,
          event,
          body: JSON.stringify(event.envelope),
          orderingKey: `${event.topic}/${event.key ?? event.envelope.subject}`,
        }),
      );
    }
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO bumd_events (buyer_id, seq, event_id, event_type, event_time, ordering_key, replay, body)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::boolean[], $8::text[])`,
      [
        rows.map((r) => r.buyerId),
        rows.map((r) => r.seq),
        rows.map((r) => r.event.envelope.id),
        rows.map((r) => r.event.envelope.type),
        rows.map((r) => r.event.envelope.time),
        rows.map((r) => r.orderingKey),
        rows.map((r) => r.event.replay),
        rows.map((r) => r.body),
      ],
    );
    await this.queueDeliveries(rows, manager);
    await appendToOutbox(
      manager,
      rows.flatMap((row): OutboxRecord[] =>
        topicEnabled.has(row.buyerId) && !row.event.replay
          ? [
              {
                topic: bumdTopicFor(row.buyerId).name,
                key: row.event.key ?? row.event.envelope.subject,
                eventId: row.event.envelope.id,
                eventType: row.event.envelope.type,
                eventVersion: row.event.envelope.version,
                value: row.body,
              },
            ]
          : [],
      ),
    );
  }

  private async queueDeliveries(rows: readonly FeedRow[], manager: EntityManager): Promise<void> {
    const subscriptions = (await manager.query(
      `SELECT id, buyer_id AS "buyerId", event_types AS "eventTypes", include_replays AS "includeReplays"
         FROM webhook_subscriptions WHERE buyer_id = ANY($1) AND status <> 'deleted'`,
      [[...new Set(rows.map((r) => r.buyerId))]],
    )) as { id: string; buyerId: string; eventTypes: string[]; includeReplays: boolean }[];
    if (subscriptions.length === 0) return;
    const deliveries: { subscriptionId: string; row: FeedRow }[] = [];
    for (const row of rows) {
      for (const subscription of subscriptions) {
        if (subscription.buyerId !== row.buyerId) continue;
        if (row.event.replay && !subscription.includeReplays) continue;
        const wanted =
          subscription.eventTypes.includes('*') ||
          subscription.eventTypes.includes(row.event.envelope.type);
        if (wanted) deliveries.push({ subscriptionId: subscription.id, row });
      }
    }
    if (deliveries.length === 0) return;
    await manager.query(
      `INSERT INTO webhook_deliveries
         (id, subscription_id, buyer_id, seq, event_id, event_type, ordering_key, replay, state, next_attempt_at)
       SELECT d.*, 'pending', now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::uuid[], $6::text[], $7::text[], $8::boolean[]) AS d
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [
        deliveries.map(() => uuidv7()),
        deliveries.map((d) => d.subscriptionId),
        deliveries.map((d) => d.row.buyerId),
        deliveries.map((d) => d.row.seq),
        deliveries.map((d) => d.row.event.envelope.id),
        deliveries.map((d) => d.row.event.envelope.type),
        deliveries.map((d) => d.row.orderingKey),
        deliveries.map((d) => d.row.event.replay),
      ],
    );
  }
}
