import { Inject, Injectable } from '@nestjs/common';
import { createEnvelope, SubscriptionPaused } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { PeriodicTask } from '@simpul/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { afterFailure } from '../../domain/subscriptions/retry-schedule';
import { TargetGuard } from '../../infrastructure/webhooks/target-guard';
import { WebhookSender, type WebhookResponse } from '../../infrastructure/webhooks/webhook-sender';
import { SIGNATURE_HEADER, signatureHeader } from '../../infrastructure/webhooks/webhook-signature';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings';

interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  buyerId: string;
  url: string;
  secrets: string[];
  eventId: string;
  eventType: string;
  replay: boolean;
  attempt: number;
  failuresSinceQueued: number;
  queuedAt: Date;
  body: string;
}

interface Outcome {
  delivery: ClaimedDelivery;
  startedAt: Date;
  response: WebhookResponse;
}

/** Deliveries claimed per pass, as a multiple of the requests in flight. */
const CLAIM_FACTOR = 4;

/** Time a claimed delivery is hidden from other dispatchers while its request is in flight. */
const LEASE_SLACK_MS = 30_000;

/**
 * Sends queued webhook deliveries. Each round claims due deliveries that are the oldest still
 * open for their subscription and key (order, request or shipment) — so events of one key go
 * out one after the other, in order, while different keys go out in parallel — leases them
 * (`FOR UPDATE SKIP LOCKED`, then `next_attempt_at` pushed past the timeout) so that several
 * instances share the work, sends them, and records each attempt. A process that dies mid-send
 * leaves the lease to run out and the delivery is sent again: at least once, identified by the
 * event id. A delivery that keeps failing for the retry period pauses its subscription and the
 * BUMD is told by a `orders.subscription.paused` event in its feed.
 */
@Injectable()
export class WebhookDispatcher extends PeriodicTask {
  private readonly sender: WebhookSender;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {
    super('WebhookDispatcher', settings.pollMs);
    this.sender = new WebhookSender(
      new TargetGuard(settings.allowPrivateTargets),
      settings.timeoutMs,
      settings.concurrency,
    );
  }

  override async onModuleDestroy(): Promise<void> {
    await super.onModuleDestroy();
    this.sender.close();
  }

  /**
   * Sends until nothing is due; returns how many attempts were made. Each pass claims up to four
   * times the concurrency, sends with `WEBHOOK_CONCURRENCY` requests in flight, and records all
   * outcomes in one transaction (one commit per pass, not per delivery).
   */
  protected async round(): Promise<number> {
    let made = 0;
    for (;;) {
      const claimed = await this.claim(this.settings.concurrency * CLAIM_FACTOR);
      if (claimed.length === 0) return made;
      const outcomes = await inParallel(claimed, this.settings.concurrency, (delivery) =>
        this.attempt(delivery),
      );
      await this.record(outcomes);
      made += claimed.length;
    }
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT d.id, d.subscription_id AS "subscriptionId", d.buyer_id AS "buyerId", s.url,
                array_remove(ARRAY[s.secret, CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END], NULL) AS secrets,
                d.event_id AS "eventId", d.event_type AS "eventType", d.replay,
                d.attempts + 1 AS attempt, d.failures_since_queued AS "failuresSinceQueued",
                d.queued_at AS "queuedAt", e.body
           FROM (
             -- The oldest open delivery of each subscription and key: only it may go out.
             SELECT DISTINCT ON (subscription_id, ordering_key) id, state, next_attempt_at, seq
               FROM webhook_deliveries WHERE state IN ('pending', 'failed')
              ORDER BY subscription_id, ordering_key, seq) head
           JOIN webhook_deliveries d ON d.id = head.id
           JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.status = 'active'
           JOIN bumd_events e ON e.buyer_id = d.buyer_id AND e.seq = d.seq
          WHERE head.state = 'pending' AND head.next_attempt_at <= now()
          ORDER BY head.next_attempt_at, head.seq
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED`,
        [limit],
      )) as ClaimedDelivery[];
      if (rows.length > 0) {
        await manager.query(
          `UPDATE webhook_deliveries SET next_attempt_at = now() + $2 * interval '1 millisecond'
            WHERE id = ANY($1)`,
          [rows.map((r) => r.id), this.settings.timeoutMs * CLAIM_FACTOR + LEASE_SLACK_MS],
        );
      }
      return rows;
    });
  }

  private async attempt(delivery: ClaimedDelivery): Promise<Outcome> {
    const startedAt = new Date();
    const response = await this.sender.send({
      url: delivery.url,
      body: delivery.body,
      headers: {
        [SIGNATURE_HEADER]: signatureHeader(
          delivery.secrets,
          delivery.body,
          Math.floor(startedAt.getTime() / 1000),
        ),
        'Simpul-Event-Id': delivery.eventId,
        'Idempotency-Key': delivery.eventId,
        'Simpul-Event-Type': delivery.eventType,
        'Simpul-Delivery-Id': delivery.id,
        'Simpul-Delivery-Attempt': String(delivery.attempt),
        ...(delivery.replay ? { 'Simpul-Replay': 'true' } : {}),
      },
    });
    return { delivery, startedAt, response };
  }

  private async record(outcomes: readonly Outcome[]): Promise<void> {
    const ok = (o: Outcome) =>
      o.response.statusCode !== undefined &&
      o.response.statusCode >= 200 &&
      o.response.statusCode < 300;
    const errorOf = (o: Outcome) =>
      ok(o)
        ? null
        : (o.response.error ?? `the receiver answered ${o.response.statusCode} (2xx expected)`);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[])
         ON CONFLICT DO NOTHING`,
        [
          outcomes.map((o) => o.delivery.id),
          outcomes.map((o) => o.delivery.attempt),
          outcomes.map((o) => o.startedAt),
          outcomes.map((o) => o.response.durationMs),
          outcomes.map((o) => o.response.statusCode ?? null),
          outcomes.map(errorOf),
        ],
      );
      const delivered = outcomes.filter(ok);
      if (delivered.length > 0) {
        await manager.query(
          `UPDATE webhook_deliveries d
              SET state = 'delivered', attempts = u.attempt, delivered_at = now(),
                  last_attempt_at = u.started_at, last_status_code = u.status_code,
                  last_error = NULL, failures_since_queued = 0
             FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[])
                  AS u (id, attempt, started_at, status_code)
            WHERE d.id = u.id`,
          [
            delivered.map((o) => o.delivery.id),
            delivered.map((o) => o.delivery.attempt),
            delivered.map((o) => o.startedAt),
            delivered.map((o) => o.response.statusCode),
          ],
        );
      }
      for (const outcome of outcomes.filter((o) => !ok(o))) {
        await this.recordFailure(manager, outcome, errorOf(outcome) as string);
      }
    });
  }

  private async recordFailure(manager: EntityManager, outcome: Outcome, error: string) {
    const { delivery, startedAt, response } = outcome;
    const failures = delivery.failuresSinceQueued + 1;
    const decision = afterFailure(
      this.settings.retry,
      new Date(delivery.queuedAt),
      failures,
      new Date(),
      Math.random(),
    );
    await manager.query(
      `UPDATE webhook_deliveries
          SET state = $2, attempts = $3, failures_since_queued = $4, next_attempt_at = $5,
              last_attempt_at = $6, last_status_code = $7, last_error = $8
        WHERE id = $1`,
      [
        delivery.id,
        decision.kind === 'retry' ? 'pending' : 'failed',
        delivery.attempt,
        failures,
        decision.kind === 'retry' ? decision.at : new Date(),
        startedAt,
        response.statusCode ?? null,
        error,
      ],
    );
    if (decision.kind === 'give-up') {
      await this.pauseSubscription(manager, delivery, `${decision.reason}; last error: ${error}`);
    }
  }

  private async pauseSubscription(
    manager: EntityManager,
    delivery: ClaimedDelivery,
    reason: string,
  ): Promise<void> {
    // As a SELECT over the UPDATE: TypeORM returns UPDATE … RETURNING as [rows, count].
    const [paused] = (await manager.query(
      `WITH changed AS (
         UPDATE webhook_subscriptions SET status = 'paused', paused_reason = $2, paused_at = now(), updated_at = now()
          WHERE id = $1 AND status = 'active' RETURNING paused_at)
       SELECT paused_at AS "pausedAt" FROM changed`,
      [delivery.subscriptionId, reason.slice(0, 1000)],
    )) as { pausedAt: Date }[];
    if (!paused) return;
    this.logger.warn(
      `paused webhook subscription ${delivery.subscriptionId} of ${delivery.buyerId}: ${reason}`,
    );
    const event = createEnvelope(SubscriptionPaused, {
      source: 'orders',
      subject: delivery.subscriptionId,
      tenantId: delivery.buyerId,
      data: {
        subscriptionId: delivery.subscriptionId,
        buyerId: delivery.buyerId,
        url: delivery.url.slice(0, 2048),
        reason: reason.slice(0, 1000),
        deliveryId: delivery.id,
        pausedAt: new Date(paused.pausedAt).toISOString(),
      },
    });
    await appendToOutbox(manager, [toOutboxRecord(SubscriptionPaused, event)]);
  }
}

/** Runs `work` over `items` with at most `limit` at once; results in the items' order. */
async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
