import { DAY_MS } from './calendar';
import { aggregateByDay } from './daily-aggregates';
import type {
  DailyAggregate,
  Instant,
  Observation,
  ReferencePrice,
  SeriesKey,
} from './pricing-types';

/** Day 0 of the test calendar: 2025-09-10, a UTC midnight. */
export const DAY_0 = Date.UTC(2025, 8, 10);
const HOUR_MS = 3_600_000;

/** An instant on test day `day` (negative = before day 0), at `hour` UTC. */
export function on(day: number, hour = 9): Instant {
  return DAY_0 + day * DAY_MS + hour * HOUR_MS;
}

export const CHILI_JAKARTA: SeriesKey = {
  commodityCode: 'CHILI_RED_CURLY',
  level: 'consumer',
  region: 'jakarta',
};
export const CHILI_BLITAR: SeriesKey = { ...CHILI_JAKARTA, level: 'producer', region: 'blitar' };
export const EGG_JAKARTA: SeriesKey = {
  commodityCode: 'EGG',
  level: 'consumer',
  region: 'jakarta',
};
export const EGG_BLITAR: SeriesKey = { commodityCode: 'EGG', level: 'producer', region: 'blitar' };

export function observation(key: SeriesKey, at: Instant, priceIdr: number): Observation {
  return { ...key, priceIdr, observedAt: at };
}

/** Daily aggregates from [day, price, price…] rows, each price seen at a later hour of the day. */
export function dailyOf(key: SeriesKey, rows: readonly [number, ...number[]][]): DailyAggregate[] {
  const observations = rows.flatMap(([day, ...prices]) =>
    prices.map((price, i) => observation(key, on(day, 8 + i), price)),
  );
  return aggregateByDay(observations);
}

export function reference(overrides: Partial<ReferencePrice> = {}): ReferencePrice {
  return {
    commodityCode: 'CHILI_RED_CURLY',
    kind: 'HAP',
    level: 'consumer',
    zone: 'zone-1',
    minIdr: 37_000,
    maxIdr: 55_000,
    unit: 'kg',
    effectiveFrom: Date.UTC(2024, 0, 1),
    effectiveUntil: null,
    regulation: 'test regulation',
    ...overrides,
  };
}
