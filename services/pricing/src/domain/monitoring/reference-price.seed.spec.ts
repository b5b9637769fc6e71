import { REFERENCE_PRICE_SEED, RICE_MEDIUM_HET_CHANGE } from './reference-price.seed';
import { referenceAt } from './reference-prices';

const riceMediumAt = (iso: string) =>
  referenceAt(REFERENCE_PRICE_SEED, 'RICE_MEDIUM', 'consumer', 'zone-1', Date.parse(iso));

describe('REFERENCE_PRICE_SEED', () => {
  it('given the August 2025 rice change, then 12,500 holds until the last instant of 21 August', () => {
    expect(riceMediumAt('2025-08-21T23:59:59Z')?.maxIdr).toBe(12_500);
    expect(riceMediumAt('2025-08-21T23:59:59.999Z')?.maxIdr).toBe(12_500);
  });

  it('given the August 2025 rice change, then 13,500 applies from 22 August on, and stays', () => {
    expect(RICE_MEDIUM_HET_CHANGE).toBe(Date.parse('2025-08-22T00:00:00Z'));
    expect(riceMediumAt('2025-08-22T00:00:00Z')?.maxIdr).toBe(13_500);
    expect(riceMediumAt('2030-01-01T00:00:00Z')?.maxIdr).toBe(13_500);
  });

  it('given the seed, then the old rice row is closed by the new one and both are kept', () => {
    const rows = REFERENCE_PRICE_SEED.filter((r) => r.commodityCode === 'RICE_MEDIUM');
    expect(rows.map((r) => [r.maxIdr, r.effectiveUntil])).toEqual([
      [12_500, RICE_MEDIUM_HET_CHANGE],
      [13_500, null],
    ]);
  });

  it.each([
    ['EGG', 'producer', 26_500, 26_500],
    ['EGG', 'consumer', 30_000, 30_000],
    ['BROILER_LIVE', 'producer', 25_000, 25_000],
    ['BROILER_CARCASS', 'consumer', 40_000, 40_000],
    ['SHALLOT', 'producer', 18_500, 32_000],
    ['SHALLOT', 'consumer', 36_500, 41_500],
    ['CHILI_RED_CURLY', 'producer', 22_000, 29_600],
    ['CHILI_RED_CURLY', 'consumer', 37_000, 55_000],
    ['CHILI_CAYENNE_RED', 'producer', 25_000, 31_500],
    ['CHILI_CAYENNE_RED', 'consumer', 40_000, 57_000],
    ['CATTLE_LIVE', 'producer', 56_000, 58_000],
    ['BEEF', 'consumer', 105_000, 140_000],
    ['SUGAR', 'producer', 14_500, 14_500],
    ['SUGAR', 'consumer', 17_500, 17_500],
    ['GARLIC', 'consumer', 38_000, 38_000],
    ['RICE_PREMIUM', 'consumer', 14_900, 14_900],
    ['COOKING_OIL', 'consumer', 15_700, 15_700],
  ] as const)('given %s at %s level in 2025, then the band is %d–%d', (code, level, min, max) => {
    const found = referenceAt(REFERENCE_PRICE_SEED, code, level, 'zone-1', Date.UTC(2025, 5, 1));
    expect([found?.minIdr, found?.maxIdr]).toEqual([min, max]);
  });

  it('given every row, then it is zone 1, names its source, and HET rows are rice and oil only', () => {
    for (const row of REFERENCE_PRICE_SEED) {
      expect(row.zone).toBe('zone-1');
      expect(row.regulation).not.toBe('');
      expect(row.minIdr).toBeLessThanOrEqual(row.maxIdr);
      expect(row.unit).toBe(row.commodityCode === 'COOKING_OIL' ? 'litre' : 'kg');
    }
    const het = REFERENCE_PRICE_SEED.filter((r) => r.kind === 'HET').map((r) => r.commodityCode);
    expect(new Set(het)).toEqual(new Set(['RICE_MEDIUM', 'RICE_PREMIUM', 'COOKING_OIL']));
  });
});
