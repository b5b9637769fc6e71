import { Inject, Injectable } from '@nestjs/common';
import { bumdTopicFor } from '@simpul/contracts';
import { KAFKA, provisionTopics, TopicNamer } from '@simpul/messaging';
import { AppError, type Principal } from '@simpul/platform';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { actingBuyerId } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';

export interface FeedEvent {
  seq: number;
  eventId: string;
  type: string;
  time: string;
  replay: boolean;
  /** The envelope exactly as delivered by webhook (JSON text). */
  body: string;
}

export interface FeedFilter {
  afterSeq: number;
  limit: number;
  types?: readonly string[];
  includeReplays: boolean;
}

/** Reads a BUMD's feed (the event log behind SSE and the events page) and manages its topic. */
@Injectable()
export class BumdFeedQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly namer: TopicNamer,
  ) {}

  /** The buyer whose feed the caller may read: a BUMD its own, hub roles the one they name. */
  async feedOwner(actor: Principal, requested: string | undefined): Promise<string> {
    const buyerId = actingBuyerId(actor, requested);
    const [buyer] = (await this.dataSource.query('SELECT id FROM buyers WHERE id = $1', [
      buyerId,
    ])) as { id: string }[];
    if (!buyer) throw new AppError(ORDERS_ERRORS.buyerNotFound, `no buyer ${buyerId}`, 404);
    return buyerId;
  }

  async page(buyerId: string, filter: FeedFilter): Promise<FeedEvent[]> {
    return (await this.dataSource.query(
      `SELECT seq::int AS seq, event_id AS "eventId", event_type AS type, event_time AS time, replay, body
         FROM bumd_events
        WHERE buyer_id = $1 AND seq > $2
          AND ($3::text[] IS NULL OR event_type = ANY($3))
          AND ($4 OR NOT replay)
        ORDER BY seq LIMIT $5`,
      [
        buyerId,
        filter.afterSeq,
        filter.types && filter.types.length ? filter.types : null,
        filter.includeReplays,
        filter.limit,
      ],
    )) as FeedEvent[];
  }

  /** The number of the BUMD's newest event (0 when none): a stream without Last-Event-ID starts here. */
  async lastSeq(buyerId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      'SELECT last_seq::int AS last FROM bumd_streams WHERE buyer_id = $1',
      [buyerId],
    )) as { last: number }[];
    return row?.last ?? 0;
  }

  async topicState(buyerId: string): Promise<{ buyerId: string; enabled: boolean; topic: string }> {
    const [row] = (await this.dataSource.query(
      'SELECT kafka_topic_enabled AS enabled FROM bumd_streams WHERE buyer_id = $1',
      [buyerId],
    )) as { enabled: boolean }[];
    return {
      buyerId,
      enabled: row?.enabled ?? false,
      topic: this.namer.physical(bumdTopicFor(buyerId).name),
    };
  }

  /**
   * Turns the BUMD's own topic on (creating it first, idempotently) or off. Events from then on
   * are copied to it through the outbox; earlier ones are not (the BUMD reads those by SSE or the
   * events page).
   */
  async setTopic(buyerId: string, enabled: boolean) {
    if (enabled) {
      await provisionTopics(this.kafka, [bumdTopicFor(buyerId)], {
        namer: this.namer,
        withDlq: false,
      });
    }
    await this.dataSource.query(
      `INSERT INTO bumd_streams (buyer_id, kafka_topic_enabled) VALUES ($1, $2)
       ON CONFLICT (buyer_id) DO UPDATE SET kafka_topic_enabled = EXCLUDED.kafka_topic_enabled`,
      [buyerId, enabled],
    );
    return this.topicState(buyerId);
  }
}
