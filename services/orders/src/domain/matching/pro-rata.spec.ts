import type { BookOffer } from './commodity-book';
import { offerTerms } from './matching.fixtures';
import { shareLevel } from './pro-rata';
import { toQty } from './quantity';

/** An offer resting at the shared price with `kg` left; `seq` is its arrival order. */
function resting(offerId: string, seq: number, kg: number, minOrderKg = 0): BookOffer {
  return {
    terms: offerTerms({ offerId, quantity: toQty(kg), minOrderQuantity: toQty(minOrderKg) }),
    allocated: 0,
    remaining: toQty(kg),
    seq,
    closedReason: null,
  };
}

const inKg = (shares: Map<BookOffer, number>) =>
  Object.fromEntries([...shares].map(([offer, qty]) => [offer.terms.offerId, qty / 1000]));

describe('shareLevel', () => {
  it('given three producers at one price holding more than needed, then each gets a share in proportion to what it holds', () => {
    const level = [resting('big', 1, 600), resting('mid', 2, 300), resting('small', 3, 100)];

    const result = shareLevel(level, toQty(500), toQty(1));

    expect(inKg(result.shares)).toEqual({ big: 300, mid: 150, small: 50 });
    expect(result).toMatchObject({ rule: 'pro-rata', available: toQty(1_000) });
  });

  it('given a level holding no more than needed, then each offer gives all it has in whole trading units', () => {
    const level = [resting('a', 1, 100.5), resting('b', 2, 50)];

    const result = shareLevel(level, toQty(200), toQty(1));

    expect(inKg(result.shares)).toEqual({ a: 100, b: 50 });
    expect(result).toMatchObject({ rule: 'whole-level', available: toQty(150) });
  });

  it('given equal fractions left over, then the spare units go to the earlier offers, not the first listed', () => {
    const level = [resting('third', 3, 100), resting('first', 1, 100), resting('second', 2, 100)];

    const result = shareLevel(level, toQty(200), toQty(1));

    expect(inKg(result.shares)).toEqual({ first: 67, second: 67, third: 66 });
  });

  it('given unequal fractions left over, then the largest fractions win the spare units before arrival order', () => {
    // 7 × 5/20 = 1.75, 7 × 7/20 = 2.45, 7 × 8/20 = 2.8: two spare units go to .8 and .75.
    const level = [resting('a', 1, 5), resting('b', 2, 7), resting('c', 3, 8)];

    const result = shareLevel(level, toQty(7), toQty(1));

    expect(inKg(result.shares)).toEqual({ a: 2, b: 2, c: 3 });
  });

  it('given a trading unit of 5 kg, then shares are whole 5 kg units of what each offer holds in whole units', () => {
    // 12 kg holds two 5 kg units, 8 kg holds one: two units wanted, 4/3 and 2/3.
    const level = [resting('a', 1, 12), resting('b', 2, 8)];

    const result = shareLevel(level, toQty(10), toQty(5));

    expect(inKg(result.shares)).toEqual({ a: 5, b: 5 });
    expect(result.available).toBe(toQty(15));
  });

  it('given an offer whose share falls below its minimum order, then it steps out and the others share again', () => {
    const level = [
      resting('big', 1, 600),
      resting('mid', 2, 300),
      resting('bulk-only', 3, 100, 80),
    ];

    const result = shareLevel(level, toQty(500), toQty(1));

    // Without it: 500 × 600/900 = 333.3 and 500 × 300/900 = 166.7; the spare unit goes to .7.
    expect(inKg(result.shares)).toEqual({ big: 333, mid: 167 });
    expect(result).toMatchObject({ rule: 'pro-rata', available: toQty(900) });
  });

  it('given a minimum order above what an offer still holds, then it may still give all it has', () => {
    const level = [resting('last-30', 1, 30, 100), resting('b', 2, 50)];

    const result = shareLevel(level, toQty(200), toQty(1));

    expect(inKg(result.shares)).toEqual({ 'last-30': 30, b: 50 });
  });

  it('given an offer holding less than one trading unit, then it takes no part', () => {
    const level = [resting('crumbs', 1, 4), resting('b', 2, 50)];

    const result = shareLevel(level, toQty(20), toQty(5));

    expect(inKg(result.shares)).toEqual({ b: 20 });
    expect(result.available).toBe(toQty(50));
  });
});
