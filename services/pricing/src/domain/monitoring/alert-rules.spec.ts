import { conditionsOf, riseTierOf } from './alert-rules';
import {
  CHILI_JAKARTA,
  EGG_BLITAR,
  EGG_JAKARTA,
  dailyOf,
  on,
  reference,
} from './monitoring.fixtures';
import type { AlertRule, ReferencePrice, SeriesKey } from './pricing-types';
import { computeStatistics } from './series-statistics';

const AS_OF = on(0, 18);
const WEEK_AT_100K: [number, number][] = [-7, -6, -5, -4, -3, -2, -1].map((d) => [d, 100_000]);

/** Conditions for a series with the given [day, price] rows, as of day 0. */
function conditions(key: SeriesKey, rows: [number, ...number[]][], ref: ReferencePrice | null) {
  return conditionsOf(computeStatistics(key, dailyOf(key, rows), AS_OF, ref));
}

const only = (rule: AlertRule, found: ReturnType<typeof conditions>) =>
  found.filter((c) => c.rule === rule);

describe('riseTierOf', () => {
  it.each([
    [4.99, null],
    [5.0, null],
    [5.01, 'rising'],
    [8.0, 'rising'],
    [8.01, 'waspada'],
    [12.0, 'waspada'],
    [12.01, 'siaga'],
    [20.0, 'siaga'],
    [20.01, 'kritis'],
    [-30, null],
  ])('given a rise of %d%%, then the tier is %s', (rise, tier) => {
    expect(riseTierOf(rise)).toBe(tier);
  });
});

describe('PRICE_RISE', () => {
  // Seven days at 100,000, then today's price: the rise is (today - 100,000) / 1,000 percent.
  it.each([
    [104_990, null],
    [105_000, null],
    [105_010, 'rising'],
    [108_000, 'rising'],
    [108_010, 'waspada'],
    [112_000, 'waspada'],
    [112_010, 'siaga'],
    [120_000, 'siaga'],
    [120_010, 'kritis'],
  ])('given 100,000 for a week and %d today, then the tier is %s', (today, tier) => {
    const found = only(
      'PRICE_RISE',
      conditions(CHILI_JAKARTA, [...WEEK_AT_100K, [0, today]], null),
    );
    expect(found.map((c) => c.tier)).toEqual(tier === null ? [] : [tier]);
  });

  it('given a 12.4% rise, then the message states the figure and the tier', () => {
    const [found] = conditions(CHILI_JAKARTA, [...WEEK_AT_100K, [0, 112_400]], null);
    expect(found).toEqual({
      rule: 'PRICE_RISE',
      key: CHILI_JAKARTA,
      tier: 'siaga',
      value: expect.closeTo(12.4, 9),
      message:
        'CHILI_RED_CURLY consumer price in jakarta rose 12.4% against the previous 7 days (siaga)',
    });
  });

  it('given a rise but no price today, then there is no rise condition', () => {
    expect(
      only(
        'PRICE_RISE',
        conditions(
          CHILI_JAKARTA,
          [
            [-3, 100_000],
            [-1, 150_000],
          ],
          null,
        ),
      ),
    ).toEqual([]);
  });
});

describe('VOLATILITY', () => {
  it('given three days with a CV of 9.06%, then the series is volatile', () => {
    // Means 88,900, 111,100, 100,000 → mean 100,000; sd = 11,100 × sqrt(2/3) = 9,063.1; CV 9.06%.
    const found = only(
      'VOLATILITY',
      conditions(
        CHILI_JAKARTA,
        [
          [-2, 88_900],
          [-1, 111_100],
          [0, 100_000],
        ],
        null,
      ),
    );
    expect(found).toEqual([
      {
        rule: 'VOLATILITY',
        key: CHILI_JAKARTA,
        tier: null,
        value: expect.closeTo(9.0631, 4),
        message:
          'CHILI_RED_CURLY consumer price in jakarta is volatile: CV 9.06% over 30 days (above 9%)',
      },
    ]);
  });

  it('given three days with a CV of 8.98%, then it is within the normal band', () => {
    // sd = 11,000 × sqrt(2/3) = 8,981.7; CV 8.98%.
    const rows: [number, number][] = [
      [-2, 89_000],
      [-1, 111_000],
      [0, 100_000],
    ];
    expect(only('VOLATILITY', conditions(CHILI_JAKARTA, rows, null))).toEqual([]);
  });

  it('given only two days, however far apart, then volatility is not judged', () => {
    const rows: [number, number][] = [
      [-1, 50_000],
      [0, 100_000],
    ];
    expect(only('VOLATILITY', conditions(CHILI_JAKARTA, rows, null))).toEqual([]);
  });
});

describe('ABOVE_REFERENCE', () => {
  const eggHap = reference({ commodityCode: 'EGG', minIdr: 30_000, maxIdr: 30_000 });

  it('given eggs in Jakarta at 33,000 against a HAP of 30,000, then the price is 10% above it', () => {
    expect(conditions(EGG_JAKARTA, [[0, 33_000]], eggHap)).toEqual([
      {
        rule: 'ABOVE_REFERENCE',
        key: EGG_JAKARTA,
        tier: null,
        value: 10,
        message: 'EGG consumer price in jakarta is 33,000, 10% above the HAP 30,000',
      },
    ]);
  });

  it('given a consumer price exactly at the ceiling, then nothing is raised', () => {
    expect(conditions(EGG_JAKARTA, [[0, 30_000]], eggHap)).toEqual([]);
  });

  it('given a wholesale price one rupiah above the consumer ceiling, then it is above the reference', () => {
    const key = { ...EGG_JAKARTA, level: 'wholesale' as const };
    expect(conditions(key, [[0, 30_001]], eggHap).map((c) => c.rule)).toEqual(['ABOVE_REFERENCE']);
  });

  it('given a band, then only a price above its top is too high', () => {
    // Chili consumer HAP 37,000–55,000.
    expect(conditions(CHILI_JAKARTA, [[0, 55_000]], reference())).toEqual([]);
    expect(conditions(CHILI_JAKARTA, [[0, 55_500]], reference())[0]?.message).toBe(
      'CHILI_RED_CURLY consumer price in jakarta is 55,500, 0.91% above the HAP 55,000',
    );
  });

  it('given no reference, then no reference rule applies', () => {
    expect(conditions(EGG_JAKARTA, [[0, 90_000]], null)).toEqual([]);
  });
});

describe('BELOW_PRODUCER_HAP', () => {
  const producerHap = reference({
    commodityCode: 'EGG',
    level: 'producer',
    minIdr: 26_500,
    maxIdr: 26_500,
  });

  it('given Blitar eggs at 24,000 against a producer HAP of 26,500, then farmers are underpaid', () => {
    expect(conditions(EGG_BLITAR, [[0, 24_000]], producerHap)).toEqual([
      {
        rule: 'BELOW_PRODUCER_HAP',
        key: EGG_BLITAR,
        tier: null,
        value: expect.closeTo(-9.434, 3),
        message:
          'EGG producer price in blitar is 24,000, 9.43% below the producer HAP 26,500 (farmers underpaid)',
      },
    ]);
  });

  it('given a producer price at the floor or above the band, then nothing is raised', () => {
    expect(conditions(EGG_BLITAR, [[0, 26_500]], producerHap)).toEqual([]);
    expect(conditions(EGG_BLITAR, [[0, 40_000]], producerHap)).toEqual([]);
  });

  it('given a consumer price below the bottom of its band, then that is no producer alert', () => {
    expect(conditions(CHILI_JAKARTA, [[0, 20_000]], reference())).toEqual([]);
  });
});

describe('conditionsOf', () => {
  it('given several conditions at once, then they come in rule-name order', () => {
    const eggHap = reference({ commodityCode: 'EGG', minIdr: 30_000, maxIdr: 30_000 });
    const rows: [number, number][] = [
      [-2, 20_000],
      [-1, 40_000],
      [0, 35_000],
    ];
    expect(conditions(EGG_JAKARTA, rows, eggHap).map((c) => c.rule)).toEqual([
      'ABOVE_REFERENCE',
      'PRICE_RISE',
      'VOLATILITY',
    ]);
  });
});
