import fc from 'fast-check';
import { aggregateByDay, aggregateOf, mergeAggregates } from './daily-aggregates';
import { CHILI_JAKARTA, DAY_0, observation, reference } from './monitoring.fixtures';
import type { Observation } from './pricing-types';
import { computeStatistics } from './series-statistics';

/*
 * Replays must rebuild the same projections: aggregates and statistics may not depend on the
 * order in which observations or aggregates arrive.
 */

const RUNS = { numRuns: 300 };
const SPAN_MS = 40 * 86_400_000;

/** Prices from a small set and instants over 40 days, so that days and instants are often shared. */
const anObservation: fc.Arbitrary<Observation> = fc
  .record({
    price: fc.constantFrom(38_000, 40_000, 41_500, 44_000, 52_000),
    offset: fc.oneof(fc.integer({ min: 0, max: SPAN_MS }), fc.constantFrom(0, 3_600_000)),
  })
  .map(({ price, offset }) => observation(CHILI_JAKARTA, DAY_0 + offset, price));

const shuffled = <T>(items: T[]) =>
  fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

const withShuffle = fc
  .array(anObservation, { maxLength: 60 })
  .chain((list) => fc.tuple(fc.constant(list), shuffled(list)));

describe('daily aggregates and statistics under replay', () => {
  it('given observations, when replayed shuffled, then the daily aggregates are equal', () => {
    fc.assert(
      fc.property(withShuffle, ([original, replayed]) => {
        expect(aggregateByDay(replayed)).toEqual(aggregateByDay(original));
      }),
      RUNS,
    );
  });

  it('given observations split in two chunks, when each is aggregated and merged, then it equals one pass', () => {
    fc.assert(
      fc.property(withShuffle, fc.nat(), ([original, replayed], cut) => {
        const at = cut % (replayed.length + 1);
        const chunks = [
          ...aggregateByDay(replayed.slice(at)),
          ...aggregateByDay(replayed.slice(0, at)),
        ];
        expect(aggregateByDay(chunks)).toEqual(aggregateByDay(original));
      }),
      RUNS,
    );
  });

  it('given three aggregates of one day, then merging is commutative and associative', () => {
    const sameDay = anObservation.map((o) =>
      aggregateOf({ ...o, observedAt: DAY_0 + (o.observedAt % 86_400_000) }),
    );
    fc.assert(
      fc.property(sameDay, sameDay, sameDay, (a, b, c) => {
        expect(mergeAggregates(a, b)).toEqual(mergeAggregates(b, a));
        expect(mergeAggregates(a, mergeAggregates(b, c))).toEqual(
          mergeAggregates(mergeAggregates(a, b), c),
        );
      }),
      RUNS,
    );
  });

  it('given daily aggregates, when passed in any order, then computeStatistics is the same', () => {
    const asOf = fc.integer({ min: 0, max: SPAN_MS }).map((o) => DAY_0 + o);
    const days = fc
      .array(anObservation, { maxLength: 60 })
      .map(aggregateByDay)
      .chain((list) => fc.tuple(fc.constant(list), shuffled(list)));
    fc.assert(
      fc.property(days, asOf, ([ordered, reordered], at) => {
        const expected = computeStatistics(CHILI_JAKARTA, ordered, at, reference());
        expect(computeStatistics(CHILI_JAKARTA, reordered, at, reference())).toEqual(expected);
      }),
      RUNS,
    );
  });
});
