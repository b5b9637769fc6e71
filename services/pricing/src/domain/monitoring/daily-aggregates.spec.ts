import {
  addObservation,
  aggregateByDay,
  aggregateOf,
  dailyMean,
  mergeAggregates,
} from './daily-aggregates';
import { CHILI_JAKARTA, DAY_0, observation, on } from './monitoring.fixtures';

const seen = (at: number, price: number) => observation(CHILI_JAKARTA, at, price);

describe('addObservation', () => {
  it('given no aggregate yet, when a price is seen, then the day starts with it', () => {
    expect(addObservation(undefined, seen(on(0, 14), 41_000))).toEqual({
      day: DAY_0,
      count: 1,
      sumIdr: 41_000,
      minIdr: 41_000,
      maxIdr: 41_000,
      lastIdr: 41_000,
      lastAt: on(0, 14),
    });
  });

  it('given two prices of a day, when a third arrives earlier, then the last stays the latest seen', () => {
    // 40,000 at 09:00, 42,000 at 15:00, then 39,000 at 08:00 arrives late.
    let day = addObservation(undefined, seen(on(0, 9), 40_000));
    day = addObservation(day, seen(on(0, 15), 42_000));
    day = addObservation(day, seen(on(0, 8), 39_000));
    expect(day).toEqual({
      day: DAY_0,
      count: 3,
      sumIdr: 121_000,
      minIdr: 39_000,
      maxIdr: 42_000,
      lastIdr: 42_000,
      lastAt: on(0, 15),
    });
    // (40,000 + 42,000 + 39,000) / 3 = 40,333.33
    expect(dailyMean(day)).toBeCloseTo(40_333.33, 2);
  });

  it('given two prices at the same instant, then the larger is the last, in either order', () => {
    const a = addObservation(aggregateOf(seen(on(0), 40_000)), seen(on(0), 41_000));
    const b = addObservation(aggregateOf(seen(on(0), 41_000)), seen(on(0), 40_000));
    expect(a).toEqual(b);
    expect(a.lastIdr).toBe(41_000);
  });

  it('given an observation at midnight UTC, then it belongs to the day that starts then', () => {
    expect(aggregateOf(seen(DAY_0, 1)).day).toBe(DAY_0);
    expect(aggregateOf(seen(DAY_0 - 1, 1)).day).toBe(on(-1, 0));
  });
});

describe('mergeAggregates', () => {
  it('given aggregates of two different days, then they are not merged', () => {
    expect(() => mergeAggregates(aggregateOf(seen(on(0), 1)), aggregateOf(seen(on(1), 1)))).toThrow(
      RangeError,
    );
  });
});

describe('aggregateByDay', () => {
  it('given prices over three days in any order, then there is one aggregate a day, oldest first', () => {
    const days = aggregateByDay([
      seen(on(2), 30_000),
      seen(on(0), 10_000),
      seen(on(2, 12), 32_000),
      seen(on(1), 20_000),
    ]);
    expect(days.map((d) => [d.day, d.count, dailyMean(d)])).toEqual([
      [on(0, 0), 1, 10_000],
      [on(1, 0), 1, 20_000],
      [on(2, 0), 2, 31_000],
    ]);
  });
});
