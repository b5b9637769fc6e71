/** How failed webhook deliveries are retried. */
export interface RetrySchedule {
  /** About the first wait; each next wait is about twice the one before. */
  baseMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** After this long since the event was queued, the delivery stops and the subscription pauses. */
  periodMs: number;
}

/**
 * The wait before attempt `failedAttempts + 1`: exponential with "equal jitter" — half of the
 * step is fixed and half random — so that retries of many deliveries spread out, and, until the
 * maximum is reached, every wait is at least as long as the one before it (the step doubles, and
 * half of it alone is the whole previous step).
 */
export function retryDelayMs(
  schedule: RetrySchedule,
  failedAttempts: number,
  random: number,
): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 40);
  const step = Math.min(schedule.maxDelayMs, schedule.baseMs * 2 ** exponent);
  return Math.round(step / 2 + (random * step) / 2);
}

export type RetryDecision = { kind: 'retry'; at: Date } | { kind: 'give-up'; reason: string };

/** After a failed attempt: when to try again, or that the retry period is over. */
export function afterFailure(
  schedule: RetrySchedule,
  queuedAt: Date,
  failedAttempts: number,
  now: Date,
  random: number,
): RetryDecision {
  const at = new Date(now.getTime() + retryDelayMs(schedule, failedAttempts, random));
  if (at.getTime() - queuedAt.getTime() > schedule.periodMs) {
    return {
      kind: 'give-up',
      reason: `failed ${failedAttempts} time(s) over ${Math.round((now.getTime() - queuedAt.getTime()) / 1000)} s; the retry period is ${Math.round(schedule.periodMs / 1000)} s`,
    };
  }
  return { kind: 'retry', at };
}
