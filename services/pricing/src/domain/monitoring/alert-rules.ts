import { formatIdr, formatPercent, isAbove } from './percent';
import type {
  AlertCondition,
  ReferencePrice,
  RiseTier,
  SeriesKey,
  SeriesStatistics,
} from './pricing-types';

/** Provincial early-warning tiers: a rise strictly above each threshold, in percent. */
export const RISE_THRESHOLDS: readonly { tier: RiseTier; abovePercent: number }[] = [
  { tier: 'kritis', abovePercent: 20 },
  { tier: 'siaga', abovePercent: 12 },
  { tier: 'waspada', abovePercent: 8 },
  { tier: 'rising', abovePercent: 5 },
];

/** CV above 9% is outside what Bapanas calls normal (5–9%). */
export const VOLATILITY_CV_PERCENT = 9;
/** A CV of one or two days says nothing about volatility. */
export const VOLATILITY_MIN_DAYS = 3;

export function riseTierOf(risePercent: number): RiseTier | null {
  return RISE_THRESHOLDS.find((t) => isAbove(risePercent, t.abovePercent))?.tier ?? null;
}

function seriesLabel(key: SeriesKey): string {
  return `${key.commodityCode} ${key.level} price in ${key.region}`;
}

function priceRise(stats: SeriesStatistics): AlertCondition | null {
  const rise = stats.risePercent;
  const tier = rise === null ? null : riseTierOf(rise);
  if (rise === null || tier === null) return null;
  const message = `${seriesLabel(stats.key)} rose ${formatPercent(rise)}% against the previous 7 days (${tier})`;
  return { rule: 'PRICE_RISE', key: stats.key, tier, value: rise, message };
}

function volatility(stats: SeriesStatistics): AlertCondition | null {
  const { cvPercent, daysObserved } = stats.window30;
  if (cvPercent === null || daysObserved < VOLATILITY_MIN_DAYS) return null;
  if (!isAbove(cvPercent, VOLATILITY_CV_PERCENT)) return null;
  const message = `${seriesLabel(stats.key)} is volatile: CV ${formatPercent(cvPercent)}% over 30 days (above ${VOLATILITY_CV_PERCENT}%)`;
  return { rule: 'VOLATILITY', key: stats.key, tier: null, value: cvPercent, message };
}

function deviationText(stats: SeriesStatistics, bound: number, reference: ReferencePrice): string {
  const deviation = formatPercent(stats.deviationFromReferencePercent ?? 0);
  const direction = (stats.latestIdr ?? 0) > bound ? 'above' : 'below';
  const level = reference.level === 'producer' ? 'producer ' : '';
  return `${deviation}% ${direction} the ${level}${reference.kind} ${formatIdr(bound)}`;
}

function aboveReference(stats: SeriesStatistics): AlertCondition | null {
  const { reference, latestIdr, deviationFromReferencePercent: deviation } = stats;
  if (stats.key.level === 'producer' || reference === null || latestIdr === null) return null;
  if (deviation === null || latestIdr <= reference.maxIdr) return null;
  const message = `${seriesLabel(stats.key)} is ${formatIdr(latestIdr)}, ${deviationText(stats, reference.maxIdr, reference)}`;
  return { rule: 'ABOVE_REFERENCE', key: stats.key, tier: null, value: deviation, message };
}

function belowProducerHap(stats: SeriesStatistics): AlertCondition | null {
  const { reference, latestIdr, deviationFromReferencePercent: deviation } = stats;
  if (stats.key.level !== 'producer' || reference === null || latestIdr === null) return null;
  if (deviation === null || latestIdr >= reference.minIdr) return null;
  const message = `${seriesLabel(stats.key)} is ${formatIdr(latestIdr)}, ${deviationText(stats, reference.minIdr, reference)} (farmers underpaid)`;
  return { rule: 'BELOW_PRODUCER_HAP', key: stats.key, tier: null, value: deviation, message };
}

/** Which alert conditions hold for a series now; at most one per rule, in rule-name order. */
export function conditionsOf(stats: SeriesStatistics): AlertCondition[] {
  return [aboveReference, belowProducerHap, priceRise, volatility]
    .map((rule) => rule(stats))
    .filter((c): c is AlertCondition => c !== null);
}
