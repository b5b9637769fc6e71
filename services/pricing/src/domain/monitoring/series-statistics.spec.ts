import {
  CHILI_BLITAR,
  CHILI_JAKARTA,
  DAY_0,
  EGG_BLITAR,
  dailyOf,
  on,
  reference,
} from './monitoring.fixtures';
import { computeStatistics, spreadBetween } from './series-statistics';

const AS_OF = on(0, 18);
const chiliBand = reference(); // consumer HAP 37,000–55,000

describe('computeStatistics', () => {
  // Day -40 is outside both windows, day -20 only in the 30-day one, day 1 after asOf.
  const days = dailyOf(CHILI_JAKARTA, [
    [1, 99_000],
    [-40, 10_000],
    [-20, 28_000],
    [-2, 29_000, 31_000],
    [-1, 31_000],
    [0, 32_000],
  ]);
  const stats = computeStatistics(CHILI_JAKARTA, days, AS_OF, chiliBand);

  it('given prices over the last days, then the 7-day window is over daily means', () => {
    // Daily means 30,000 (29,000 and 31,000), 31,000, 32,000 → mean 31,000.
    // Population sd = sqrt((1,000² + 0 + 1,000²) / 3) = sqrt(666,666.67) = 816.50; CV = 2.63%.
    // Min and max are of the raw prices: 29,000 and 32,000.
    expect(stats.asOfDay).toBe(DAY_0);
    expect(stats.window7).toEqual({
      days: 7,
      daysObserved: 3,
      observations: 4,
      meanIdr: 31_000,
      stdDevIdr: expect.closeTo(816.4966, 4),
      cvPercent: expect.closeTo(2.6339, 4),
      minIdr: 29_000,
      maxIdr: 32_000,
    });
  });

  it('given a price 20 days back, then the 30-day window includes it', () => {
    // Means 28,000, 30,000, 31,000, 32,000 → mean 30,250; deviations -2,250, -250, 750, 1,750;
    // squares 5,062,500 + 62,500 + 562,500 + 3,062,500 = 8,750,000; / 4 = 2,187,500;
    // sd = 1,479.02; CV = 1,479.02 / 30,250 = 4.89%.
    expect(stats.window30).toEqual({
      days: 30,
      daysObserved: 4,
      observations: 5,
      meanIdr: 30_250,
      stdDevIdr: expect.closeTo(1_479.0199, 4),
      cvPercent: expect.closeTo(4.8893, 4),
      minIdr: 28_000,
      maxIdr: 32_000,
    });
  });

  it('given the last two observed days, then day-over-day is 32,000 against 31,000', () => {
    // (32,000 - 31,000) / 31,000 = 3.23%; the price after asOf is ignored.
    expect(stats.latestIdr).toBe(32_000);
    expect(stats.dayOverDayPercent).toBeCloseTo(3.2258, 4);
  });

  it('given no prices 7 to 13 days back, then week-over-week is null', () => {
    expect(stats.weekOverWeekPercent).toBeNull();
  });

  it('given the 7 days before today, then the rise is today against their mean', () => {
    // Days -7..-1 have means 30,000 and 31,000 → 30,500; (32,000 - 30,500) / 30,500 = 4.92%.
    expect(stats.risePercent).toBeCloseTo(4.918, 3);
  });

  it('given a consumer series, then the deviation is against the top of the band', () => {
    // (32,000 - 55,000) / 55,000 = -41.82%.
    expect(stats.reference).toBe(chiliBand);
    expect(stats.deviationFromReferencePercent).toBeCloseTo(-41.8182, 4);
  });
});

describe('computeStatistics: week over week', () => {
  it('given prices in both weeks, then it compares their means of daily means', () => {
    // Last week (days -13..-7): 25,000 and 27,000 → 26,000; this week (-6..0): 30,000 and 32,000
    // → 31,000; (31,000 - 26,000) / 26,000 = 19.23%.
    const days = dailyOf(CHILI_JAKARTA, [
      [-10, 25_000],
      [-8, 27_000],
      [-3, 30_000],
      [0, 32_000],
    ]);
    const stats = computeStatistics(CHILI_JAKARTA, days, AS_OF, null);
    expect(stats.weekOverWeekPercent).toBeCloseTo(19.2308, 4);
    // Day-over-day skips unobserved days: 32,000 against 30,000 three days earlier = 6.67%.
    expect(stats.dayOverDayPercent).toBeCloseTo(6.6667, 4);
  });
});

describe('computeStatistics: window edges', () => {
  it('given days -6 and -7, then only day -6 is in the 7-day window', () => {
    const days = dailyOf(CHILI_JAKARTA, [
      [-7, 10_000],
      [-6, 20_000],
    ]);
    const stats = computeStatistics(CHILI_JAKARTA, days, AS_OF, null);
    expect([stats.window7.daysObserved, stats.window7.meanIdr]).toEqual([1, 20_000]);
    expect(stats.window7.stdDevIdr).toBe(0);
  });

  it('given days -29 and -30, then only day -29 is in the 30-day window', () => {
    const days = dailyOf(CHILI_JAKARTA, [
      [-30, 10_000],
      [-29, 20_000],
    ]);
    const stats = computeStatistics(CHILI_JAKARTA, days, on(0, 0), null);
    expect([stats.window30.daysObserved, stats.window30.meanIdr]).toEqual([1, 20_000]);
    expect(stats.window7.daysObserved).toBe(0);
  });

  it('given the previous observed day 30 days back, then day-over-day uses it; 31 days, not', () => {
    const within = dailyOf(CHILI_JAKARTA, [
      [-30, 40_000],
      [0, 42_000],
    ]);
    const beyond = dailyOf(CHILI_JAKARTA, [
      [-31, 40_000],
      [0, 42_000],
    ]);
    expect(computeStatistics(CHILI_JAKARTA, within, AS_OF, null).dayOverDayPercent).toBe(5);
    expect(computeStatistics(CHILI_JAKARTA, beyond, AS_OF, null).dayOverDayPercent).toBeNull();
  });

  it('given no price today, then the rise is unknown but the latest price is the last seen', () => {
    const days = dailyOf(CHILI_JAKARTA, [
      [-3, 40_000],
      [-2, 44_000, 43_000],
    ]);
    const stats = computeStatistics(CHILI_JAKARTA, days, AS_OF, null);
    expect(stats.risePercent).toBeNull();
    expect(stats.latestIdr).toBe(43_000);
  });

  it('given a price today but none in the 7 days before, then the rise is unknown', () => {
    const days = dailyOf(CHILI_JAKARTA, [
      [-8, 40_000],
      [0, 50_000],
    ]);
    expect(computeStatistics(CHILI_JAKARTA, days, AS_OF, null).risePercent).toBeNull();
  });

  it('given no aggregates, then every figure is null and the windows are empty', () => {
    const stats = computeStatistics(CHILI_JAKARTA, [], AS_OF, chiliBand);
    expect(stats).toMatchObject({
      latestIdr: null,
      dayOverDayPercent: null,
      weekOverWeekPercent: null,
      risePercent: null,
      deviationFromReferencePercent: null,
      window7: { daysObserved: 0, observations: 0, meanIdr: null, cvPercent: null, minIdr: null },
    });
  });
});

describe('computeStatistics: deviation from the reference', () => {
  it('given a producer series, then the deviation is against the producer floor', () => {
    // Egg producer HAP 26,500; latest 24,000: (24,000 - 26,500) / 26,500 = -9.43%.
    const hap = reference({
      commodityCode: 'EGG',
      level: 'producer',
      minIdr: 26_500,
      maxIdr: 26_500,
    });
    const days = dailyOf(EGG_BLITAR, [[0, 24_000]]);
    expect(
      computeStatistics(EGG_BLITAR, days, AS_OF, hap).deviationFromReferencePercent,
    ).toBeCloseTo(-9.434, 3);
  });

  it('given a producer band, then the floor is its bottom', () => {
    // Chili producer HAP 22,000–29,600; latest 24,200 is 10% above the floor.
    const band = reference({ level: 'producer', minIdr: 22_000, maxIdr: 29_600 });
    const days = dailyOf(CHILI_BLITAR, [[0, 24_200]]);
    expect(computeStatistics(CHILI_BLITAR, days, AS_OF, band).deviationFromReferencePercent).toBe(
      10,
    );
  });

  it('given a wholesale series, then the deviation is against the ceiling', () => {
    // (60,500 - 55,000) / 55,000 = 10%.
    const key = { ...CHILI_JAKARTA, level: 'wholesale' as const };
    const days = dailyOf(key, [[0, 60_500]]);
    expect(computeStatistics(key, days, AS_OF, chiliBand).deviationFromReferencePercent).toBe(10);
  });

  it('given no reference, then there is no deviation', () => {
    const days = dailyOf(CHILI_JAKARTA, [[0, 60_500]]);
    expect(
      computeStatistics(CHILI_JAKARTA, days, AS_OF, null).deviationFromReferencePercent,
    ).toBeNull();
  });
});

describe('spreadBetween', () => {
  const producer = computeStatistics(
    CHILI_BLITAR,
    dailyOf(CHILI_BLITAR, [[0, 30_000]]),
    AS_OF,
    null,
  );
  const consumer = computeStatistics(
    CHILI_JAKARTA,
    dailyOf(CHILI_JAKARTA, [[0, 45_000]]),
    AS_OF,
    null,
  );

  it('given Blitar at 30,000 and Jakarta at 45,000, then the spread is 15,000, 50% of the farm price', () => {
    expect(spreadBetween(producer, consumer)).toEqual({ spreadIdr: 15_000, spreadPercent: 50 });
  });

  it('given no Jakarta price yet, then the spread is unknown', () => {
    const none = computeStatistics(CHILI_JAKARTA, [], AS_OF, null);
    expect(spreadBetween(producer, none)).toEqual({ spreadIdr: null, spreadPercent: null });
  });

  it('given series of two commodities, then there is no spread to compute', () => {
    const eggs = computeStatistics(EGG_BLITAR, [], AS_OF, null);
    expect(() => spreadBetween(eggs, consumer)).toThrow(RangeError);
  });
});
