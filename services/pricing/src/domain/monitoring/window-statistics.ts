import { addDays } from './calendar';
import { dailyMean } from './daily-aggregates';
import type { DailyAggregate, Instant, WindowStatistics } from './pricing-types';

/** The aggregates of the days first..last inclusive; `days` is sorted and has one entry a day. */
export function daysBetween(
  days: readonly DailyAggregate[],
  first: Instant,
  last: Instant,
): DailyAggregate[] {
  return days.filter((d) => d.day >= first && d.day <= last);
}

/** Mean of the daily means, or null when no day has observations. */
export function meanOfDailyMeans(days: readonly DailyAggregate[]): number | null {
  if (days.length === 0) return null;
  return days.reduce((sum, d) => sum + dailyMean(d), 0) / days.length;
}

/** Population standard deviation (divides by n): the window is the whole population observed. */
function populationStdDev(values: readonly number[], mean: number): number {
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return Math.sqrt(squares / values.length);
}

function emptyWindow(size: 7 | 30): WindowStatistics {
  return {
    days: size,
    daysObserved: 0,
    observations: 0,
    meanIdr: null,
    stdDevIdr: null,
    cvPercent: null,
    minIdr: null,
    maxIdr: null,
  };
}

/**
 * Statistics over the `size` UTC days ending with `asOfDay` inclusive. Mean, deviation and CV are
 * over daily means, so a busy day weighs no more than a quiet one; min and max are of the raw
 * observations.
 */
export function windowStatistics(
  days: readonly DailyAggregate[],
  asOfDay: Instant,
  size: 7 | 30,
): WindowStatistics {
  const inWindow = daysBetween(days, addDays(asOfDay, -(size - 1)), asOfDay);
  const mean = meanOfDailyMeans(inWindow);
  if (mean === null) return emptyWindow(size);
  const stdDev = populationStdDev(inWindow.map(dailyMean), mean);
  return {
    days: size,
    daysObserved: inWindow.length,
    observations: inWindow.reduce((sum, d) => sum + d.count, 0),
    meanIdr: mean,
    stdDevIdr: stdDev,
    cvPercent: mean === 0 ? null : (stdDev * 100) / mean,
    minIdr: Math.min(...inWindow.map((d) => d.minIdr)),
    maxIdr: Math.max(...inWindow.map((d) => d.maxIdr)),
  };
}
