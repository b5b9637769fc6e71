import { utcDayOf } from './calendar';
import type { DailyAggregate, Observation } from './pricing-types';

/*
 * Daily aggregates form a commutative monoid per UTC day: counts and sums add, min and max take
 * the extreme, and the last price is the greatest (observedAt, price) pair. Replaying the same
 * observations in any order, or in any chunks, therefore gives the same aggregates.
 */

/** One observation as an aggregate of its UTC day. */
export function aggregateOf(obs: Observation): DailyAggregate {
  return {
    day: utcDayOf(obs.observedAt),
    count: 1,
    sumIdr: obs.priceIdr,
    minIdr: obs.priceIdr,
    maxIdr: obs.priceIdr,
    lastIdr: obs.priceIdr,
    lastAt: obs.observedAt,
  };
}

/** Combines two aggregates of the same day; associative and commutative. */
export function mergeAggregates(a: DailyAggregate, b: DailyAggregate): DailyAggregate {
  if (a.day !== b.day) {
    throw new RangeError(`cannot merge aggregates of different days (${a.day} and ${b.day})`);
  }
  const bIsLater = b.lastAt > a.lastAt || (b.lastAt === a.lastAt && b.lastIdr > a.lastIdr);
  return {
    day: a.day,
    count: a.count + b.count,
    sumIdr: a.sumIdr + b.sumIdr,
    minIdr: Math.min(a.minIdr, b.minIdr),
    maxIdr: Math.max(a.maxIdr, b.maxIdr),
    lastIdr: bIsLater ? b.lastIdr : a.lastIdr,
    lastAt: bIsLater ? b.lastAt : a.lastAt,
  };
}

/** Folds one observation into its day's aggregate (undefined when the day has none yet). */
export function addObservation(
  aggregate: DailyAggregate | undefined,
  obs: Observation,
): DailyAggregate {
  const single = aggregateOf(obs);
  return aggregate === undefined ? single : mergeAggregates(aggregate, single);
}

/** The mean price of the day; what every window statistic is computed over. */
export function dailyMean(aggregate: DailyAggregate): number {
  return aggregate.sumIdr / aggregate.count;
}

/**
 * Aggregates of one series, one per day, oldest first. Accepts observations or partial aggregates
 * (several may share a day) and merges them.
 */
export function aggregateByDay(items: readonly (Observation | DailyAggregate)[]): DailyAggregate[] {
  const byDay = new Map<number, DailyAggregate>();
  for (const item of items) {
    const single = 'observedAt' in item ? aggregateOf(item) : item;
    const existing = byDay.get(single.day);
    byDay.set(single.day, existing === undefined ? single : mergeAggregates(existing, single));
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}
