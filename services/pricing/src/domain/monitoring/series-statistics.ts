import { addDays, DAY_MS, utcDayOf } from './calendar';
import { aggregateByDay, dailyMean } from './daily-aggregates';
import { percentChange } from './percent';
import type {
  DailyAggregate,
  Instant,
  PriceLevel,
  ReferencePrice,
  SeriesKey,
  SeriesStatistics,
} from './pricing-types';
import { daysBetween, meanOfDailyMeans, windowStatistics } from './window-statistics';

/*
 * Every figure is returned at full precision: rounding (percent to 2 decimals, money to whole
 * rupiah) is for display at the edge, so that thresholds and replays see the same numbers.
 */

/** How far back the previous observed day may lie for a day-over-day change. */
const DAY_OVER_DAY_REACH_DAYS = 30;

/** Latest observed day's mean vs the observed day before it, if that is within reach. */
function dayOverDay(days: readonly DailyAggregate[]): number | null {
  const latest = days.at(-1);
  const previous = days.at(-2);
  if (latest === undefined || previous === undefined) return null;
  if (latest.day - previous.day > DAY_OVER_DAY_REACH_DAYS * DAY_MS) return null;
  return percentChange(dailyMean(previous), dailyMean(latest));
}

/** Mean of days [asOfDay-6, asOfDay] vs mean of days [asOfDay-13, asOfDay-7]. */
function weekOverWeek(days: readonly DailyAggregate[], asOfDay: Instant): number | null {
  const thisWeek = meanOfDailyMeans(daysBetween(days, addDays(asOfDay, -6), asOfDay));
  const lastWeek = meanOfDailyMeans(daysBetween(days, addDays(asOfDay, -13), addDays(asOfDay, -7)));
  return percentChange(lastWeek, thisWeek);
}

/** Mean of `asOfDay` vs the mean of the 7 days before it: what the PRICE_RISE tiers read. */
function riseAgainstPreviousWeek(days: readonly DailyAggregate[], asOfDay: Instant): number | null {
  const today = days.at(-1);
  if (today === undefined || today.day !== asOfDay) return null;
  const before = meanOfDailyMeans(daysBetween(days, addDays(asOfDay, -7), addDays(asOfDay, -1)));
  return percentChange(before, dailyMean(today));
}

/** Consumer and wholesale prices are held to a ceiling (max); producer prices to a floor (min). */
function deviationFromReference(
  level: PriceLevel,
  latestIdr: number | null,
  reference: ReferencePrice | null,
): number | null {
  if (reference === null) return null;
  const bound = level === 'producer' ? reference.minIdr : reference.maxIdr;
  return percentChange(bound, latestIdr);
}

/**
 * Statistics of one series as of `asOf`, from its daily aggregates in any order (several for one
 * day are merged; days after `asOf`'s day are ignored). `reference` is the one in force for the
 * series on that day, chosen by the caller (see referenceForSeries).
 */
export function computeStatistics(
  key: SeriesKey,
  dailyAggregates: readonly DailyAggregate[],
  asOf: Instant,
  reference: ReferencePrice | null,
): SeriesStatistics {
  const asOfDay = utcDayOf(asOf);
  const days = aggregateByDay(dailyAggregates).filter((d) => d.day <= asOfDay);
  const latestIdr = days.at(-1)?.lastIdr ?? null;
  return {
    key,
    asOfDay,
    latestIdr,
    window7: windowStatistics(days, asOfDay, 7),
    window30: windowStatistics(days, asOfDay, 30),
    dayOverDayPercent: dayOverDay(days),
    weekOverWeekPercent: weekOverWeek(days, asOfDay),
    risePercent: riseAgainstPreviousWeek(days, asOfDay),
    reference,
    deviationFromReferencePercent: deviationFromReference(key.level, latestIdr, reference),
  };
}

export interface PriceSpread {
  spreadIdr: number | null;
  spreadPercent: number | null;
}

/**
 * What a kilo gains between the Blitar farm gate and a Jakarta market: Jakarta consumer latest
 * minus Blitar producer latest, and that as a percent of the producer price.
 */
export function spreadBetween(
  blitarProducer: SeriesStatistics,
  jakartaConsumer: SeriesStatistics,
): PriceSpread {
  if (blitarProducer.key.commodityCode !== jakartaConsumer.key.commodityCode) {
    throw new RangeError('a spread compares two series of one commodity');
  }
  const producer = blitarProducer.latestIdr;
  const consumer = jakartaConsumer.latestIdr;
  if (producer === null || consumer === null) return { spreadIdr: null, spreadPercent: null };
  return { spreadIdr: consumer - producer, spreadPercent: percentChange(producer, consumer) };
}
