import { Inject, Injectable } from '@nestjs/common';
import { AppError, type Principal } from '@simpul/platform';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, type EntityManager } from 'typeorm';
import { generateSecret } from '../../infrastructure/webhooks/webhook-signature';
import { TargetGuard } from '../../infrastructure/webhooks/target-guard';
import { actingBuyerId, assertMayRead } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';
import { BUMD_EVENT_TYPES } from './bumd-feed.recorder';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings';

export interface NewSubscription {
  buyerId?: string;
  url: string;
  eventTypes: string[];
  secret?: string;
  description?: string;
  includeReplays?: boolean;
}

export interface SubscriptionView {
  id: string;
  buyerId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  includeReplays: boolean;
  status: 'active' | 'paused' | 'deleted';
  pausedReason: string | null;
  pausedAt: string | null;
  /** The last four characters, to tell secrets apart; the secret itself is shown once. */
  secretHint: string;
  secretRotationEndsAt: string | null;
  pending: number;
  failed: number;
  delivered: number;
  createdAt: string;
}

/** Per BUMD: enough endpoints for a warehouse, finance and market-stall system, with room. */
const MAX_SUBSCRIPTIONS_PER_BUYER = 10;
/** How long the previous secret still signs after a rotation. */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

const VIEW_COLUMNS = `
  s.id, s.buyer_id AS "buyerId", s.url, s.description, s.event_types AS "eventTypes",
  s.include_replays AS "includeReplays", s.status, s.paused_reason AS "pausedReason",
  s.paused_at AS "pausedAt", right(s.secret, 4) AS "secretHint",
  CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret_expires_at END AS "secretRotationEndsAt",
  s.created_at AS "createdAt",
  (SELECT count(*)::int FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.state = 'pending') AS pending,
  (SELECT count(*)::int FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.state = 'failed') AS failed,
  (SELECT count(*)::int FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.state = 'delivered') AS delivered`;

/** A BUMD's webhook endpoints: register, list, pause, resume, rotate the secret, delete. */
@Injectable()
export class WebhookSubscriptionsService {
  private readonly guard: TargetGuard;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {
    this.guard = new TargetGuard(settings.allowPrivateTargets);
  }

  async create(
    input: NewSubscription,
    actor: Principal,
  ): Promise<SubscriptionView & { secret: string }> {
    const buyerId = actingBuyerId(actor, input.buyerId);
    this.checkUrl(input.url);
    const eventTypes = this.checkEventTypes(input.eventTypes);
    const secret = input.secret ?? generateSecret();
    const id = uuidv7();
    await this.dataSource.transaction(async (manager) => {
      const [buyer] = (await manager.query('SELECT id FROM buyers WHERE id = $1 FOR SHARE', [
        buyerId,
      ])) as { id: string }[];
      if (!buyer) throw new AppError(ORDERS_ERRORS.buyerNotFound, `no buyer ${buyerId}`, 404);
      const [{ count }] = (await manager.query(
        "SELECT count(*)::int AS count FROM webhook_subscriptions WHERE buyer_id = $1 AND status <> 'deleted'",
        [buyerId],
      )) as { count: number }[];
      if (count >= MAX_SUBSCRIPTIONS_PER_BUYER) {
        throw new AppError(
          ORDERS_ERRORS.subscriptionLimit,
          `${buyerId} already has ${count} webhook subscriptions (the limit is ${MAX_SUBSCRIPTIONS_PER_BUYER}); delete one first`,
          409,
        );
      }
      await manager.query(
        `INSERT INTO webhook_subscriptions (id, buyer_id, url, description, event_types, include_replays, secret, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'active')`,
        [
          id,
          buyerId,
          input.url,
          input.description ?? null,
          eventTypes,
          input.includeReplays ?? false,
          secret,
        ],
      );
    });
    return { ...(await this.get(id, actor)), secret };
  }

  async list(actor: Principal, buyerId?: string): Promise<SubscriptionView[]> {
    const own = actor.role === 'bumd' ? actor.tenantId : buyerId;
    return (await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM webhook_subscriptions s
        WHERE s.status <> 'deleted' AND ($1::text IS NULL OR s.buyer_id = $1)
        ORDER BY s.buyer_id, s.created_at`,
      [own ?? null],
    )) as SubscriptionView[];
  }

  async get(id: string, actor: Principal, manager?: EntityManager): Promise<SubscriptionView> {
    const [row] = (await (manager ?? this.dataSource.manager).query(
      `SELECT ${VIEW_COLUMNS} FROM webhook_subscriptions s WHERE s.id = $1`,
      [id],
    )) as SubscriptionView[];
    if (!row) throw new AppError(ORDERS_ERRORS.subscriptionNotFound, `no subscription ${id}`, 404);
    assertMayRead(actor, row.buyerId, 'subscription');
    return row;
  }

  async pause(id: string, actor: Principal): Promise<SubscriptionView> {
    return this.change(id, actor, async (manager) => {
      await manager.query(
        `UPDATE webhook_subscriptions SET status = 'paused', paused_reason = $2, paused_at = now(), updated_at = now()
          WHERE id = $1 AND status = 'active'`,
        [id, `paused by ${actor.subject}`],
      );
    });
  }

  /**
   * Resumes delivery: everything queued while paused goes out, in order, and deliveries that had
   * run out of retries are queued again with a fresh retry period (nothing is dropped).
   */
  async resume(id: string, actor: Principal): Promise<SubscriptionView> {
    return this.change(id, actor, async (manager) => {
      await manager.query(
        `UPDATE webhook_subscriptions SET status = 'active', paused_reason = NULL, paused_at = NULL, updated_at = now()
          WHERE id = $1`,
        [id],
      );
      await manager.query(
        `UPDATE webhook_deliveries SET state = 'pending', failures_since_queued = 0, queued_at = now(), next_attempt_at = now()
          WHERE subscription_id = $1 AND state = 'failed'`,
        [id],
      );
    });
  }

  /** A new secret; the previous one keeps signing (a second `v1=`) for 24 hours. */
  async rotateSecret(
    id: string,
    actor: Principal,
    secret?: string,
  ): Promise<SubscriptionView & { secret: string }> {
    const next = secret ?? generateSecret();
    const view = await this.change(id, actor, async (manager) => {
      await manager.query(
        `UPDATE webhook_subscriptions
            SET previous_secret = secret, previous_secret_expires_at = now() + $3 * interval '1 millisecond',
                secret = $2, updated_at = now()
          WHERE id = $1`,
        [id, next, ROTATION_OVERLAP_MS],
      );
    });
    return { ...view, secret: next };
  }

  /** Stops the subscription for good; what was still queued for it is cancelled. */
  async delete(id: string, actor: Principal): Promise<void> {
    await this.change(id, actor, async (manager) => {
      await manager.query(
        "UPDATE webhook_subscriptions SET status = 'deleted', updated_at = now() WHERE id = $1",
        [id],
      );
      await manager.query(
        "UPDATE webhook_deliveries SET state = 'cancelled' WHERE subscription_id = $1 AND state IN ('pending', 'failed')",
        [id],
      );
    });
  }

  private async change(
    id: string,
    actor: Principal,
    apply: (manager: EntityManager) => Promise<void>,
  ): Promise<SubscriptionView> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        'SELECT buyer_id AS "buyerId", status FROM webhook_subscriptions WHERE id = $1 FOR UPDATE',
        [id],
      )) as { buyerId: string; status: string }[];
      if (!row)
        throw new AppError(ORDERS_ERRORS.subscriptionNotFound, `no subscription ${id}`, 404);
      assertMayRead(actor, row.buyerId, 'subscription');
      if (row.status === 'deleted') {
        throw new AppError(
          ORDERS_ERRORS.subscriptionDeleted,
          `subscription ${id} was deleted`,
          409,
        );
      }
      await apply(manager);
      return this.get(id, actor, manager);
    });
  }

  private checkUrl(raw: string): void {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new AppError(
        ORDERS_ERRORS.webhookUrlInvalid,
        `url is not an absolute URL: ${raw}`,
        400,
      );
    }
    const allowed = this.settings.requireHttps ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol)) {
      throw new AppError(
        ORDERS_ERRORS.webhookUrlInvalid,
        `url must use ${allowed.join(' or ')} (got ${url.protocol})`,
        400,
      );
    }
    if (url.username || url.password) {
      throw new AppError(
        ORDERS_ERRORS.webhookUrlInvalid,
        'url must not carry credentials; requests are authenticated by their signature',
        400,
      );
    }
    const refusal =
      this.guard.literalRefusal(url.hostname) ??
      (!this.settings.allowPrivateTargets &&
      /^localhost$|\.localhost$|\.local$|\.internal$/i.test(url.hostname)
        ? `${url.hostname} is not a public host`
        : undefined);
    if (refusal) throw new AppError(ORDERS_ERRORS.webhookTargetRefused, refusal, 400);
  }

  private checkEventTypes(types: string[]): string[] {
    const unknown = types.filter((t) => t !== '*' && !BUMD_EVENT_TYPES.includes(t));
    if (unknown.length) {
      throw new AppError(
        ORDERS_ERRORS.eventTypeUnknown,
        `unknown event type(s) ${unknown.join(', ')}; a BUMD can subscribe to ${BUMD_EVENT_TYPES.join(', ')} or "*"`,
        400,
      );
    }
    return [...new Set(types)].sort();
  }
}
