import type { Instant } from './pricing-types';

export const DAY_MS = 86_400_000;

/** Start of the UTC day that contains `at`: statistics and aggregates are kept per UTC day. */
export function utcDayOf(at: Instant): Instant {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

/** The UTC day `n` days after `day` (before it when `n` is negative). */
export function addDays(day: Instant, n: number): Instant {
  return day + n * DAY_MS;
}
