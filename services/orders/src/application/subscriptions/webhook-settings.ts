import type { RetrySchedule } from '../../domain/subscriptions/retry-schedule';

export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

/** From the environment (OrdersConfig WEBHOOK_* and SSE_*). */
export interface WebhookSettings {
  allowPrivateTargets: boolean;
  requireHttps: boolean;
  timeoutMs: number;
  retry: RetrySchedule;
  pollMs: number;
  concurrency: number;
  sseHeartbeatMs: number;
  ssePollMs: number;
}
