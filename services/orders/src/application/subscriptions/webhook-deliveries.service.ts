import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { assertMayRead } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';

export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface DeliveryView {
  id: string;
  subscriptionId: string;
  buyerId: string;
  seq: number;
  eventId: string;
  eventType: string;
  replay: boolean;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface AttemptView {
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

const COLUMNS = `d.id, d.subscription_id AS "subscriptionId", d.buyer_id AS "buyerId", d.seq::int AS seq,
  d.event_id AS "eventId", d.event_type AS "eventType", d.replay, d.state, d.attempts,
  CASE WHEN d.state = 'pending' THEN d.next_attempt_at END AS "nextAttemptAt",
  d.last_attempt_at AS "lastAttemptAt", d.last_status_code AS "lastStatusCode",
  d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"`;

/** The delivery log of a subscription, and redelivery on request. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: WebhookSubscriptionsService,
  ) {}

  /** Newest first; `beforeSeq` pages back. */
  async list(
    subscriptionId: string,
    actor: Principal,
    filter: { state?: DeliveryState; limit: number; beforeSeq?: number },
  ): Promise<DeliveryView[]> {
    await this.subscriptions.get(subscriptionId, actor);
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_deliveries d
        WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.state = $2)
          AND ($3::bigint IS NULL OR d.seq < $3)
        ORDER BY d.seq DESC LIMIT $4`,
      [subscriptionId, filter.state ?? null, filter.beforeSeq ?? null, filter.limit],
    )) as DeliveryView[];
  }

  async get(id: string, actor: Principal): Promise<DeliveryView & { history: AttemptView[] }> {
    const [row] = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_deliveries d WHERE d.id = $1`,
      [id],
    )) as DeliveryView[];
    if (!row) throw new AppError(ORDERS_ERRORS.deliveryNotFound, `no delivery ${id}`, 404);
    assertMayRead(actor, row.buyerId, 'delivery');
    const attempts = (await this.dataSource.query(
      `SELECT attempt, started_at AS "startedAt", duration_ms AS "durationMs",
              status_code AS "statusCode", error
         FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [id],
    )) as AttemptView[];
    return { ...row, history: attempts };
  }

  /**
   * Sends a delivery again as soon as possible, whatever its state (a BUMD that lost what it
   * received can ask again): it becomes pending with a fresh retry period, and later events of
   * the same key wait for it, so order per key still holds.
   */
  async redeliver(id: string, actor: Principal): Promise<DeliveryView> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT d.buyer_id AS "buyerId", s.status FROM webhook_deliveries d
           JOIN webhook_subscriptions s ON s.id = d.subscription_id
          WHERE d.id = $1 FOR UPDATE OF d`,
        [id],
      )) as { buyerId: string; status: string }[];
      if (!row) throw new AppError(ORDERS_ERRORS.deliveryNotFound, `no delivery ${id}`, 404);
      assertMayRead(actor, row.buyerId, 'delivery');
      if (row.status === 'deleted') {
        throw new AppError(
          ORDERS_ERRORS.subscriptionDeleted,
          'the subscription of this delivery was deleted',
          409,
        );
      }
      await manager.query(
        `UPDATE webhook_deliveries
            SET state = 'pending', failures_since_queued = 0, queued_at = now(), next_attempt_at = now()
          WHERE id = $1`,
        [id],
      );
      const [view] = (await manager.query(
        `SELECT ${COLUMNS} FROM webhook_deliveries d WHERE d.id = $1`,
        [id],
      )) as DeliveryView[];
      return view;
    });
  }
}
