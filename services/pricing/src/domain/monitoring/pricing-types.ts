/** Epoch milliseconds; pricing domain code never reads a clock. */
export type Instant = number;

export const PRICE_LEVELS = ['producer', 'wholesale', 'consumer'] as const;
export type PriceLevel = (typeof PRICE_LEVELS)[number];

/** HET: highest retail price; HAP: reference price (a floor at producer level, a ceiling for consumers). */
export type ReferenceKind = 'HET' | 'HAP';

/**
 * A regulated reference price in force from `effectiveFrom` (inclusive) until `effectiveUntil`
 * (exclusive, null = open). Some are bands (e.g. curly red chili producer HAP 22,000–29,600):
 * `minIdr`..`maxIdr`; a single value has min = max.
 */
export interface ReferencePrice {
  commodityCode: string;
  kind: ReferenceKind;
  level: PriceLevel;
  /** Price zone of the regulation, e.g. "zone-1" (Java, Lampung, South Sumatra…). */
  zone: string;
  minIdr: number;
  maxIdr: number;
  unit: string;
  effectiveFrom: Instant;
  effectiveUntil: Instant | null;
  /** The regulation or source it comes from. */
  regulation: string;
}

/** Where prices were seen: Blitar producer prices, Jakarta wholesale and retail. */
export type Region = 'blitar' | 'jakarta';

export interface Observation {
  commodityCode: string;
  level: PriceLevel;
  region: Region;
  /** Integer rupiah per unit. */
  priceIdr: number;
  observedAt: Instant;
}

/** The key statistics and alerts are kept per. */
export interface SeriesKey {
  commodityCode: string;
  level: PriceLevel;
  region: Region;
}

/** One UTC day of a series: enough to compute every window statistic without raw rows. */
export interface DailyAggregate {
  /** Start of the UTC day. */
  day: Instant;
  count: number;
  sumIdr: number;
  minIdr: number;
  maxIdr: number;
  /** The last observation of the day (by observedAt, ties by larger price). */
  lastIdr: number;
  lastAt: Instant;
}

export interface WindowStatistics {
  days: 7 | 30;
  /** Days in the window that have observations. */
  daysObserved: number;
  observations: number;
  /** Mean of the daily means. */
  meanIdr: number | null;
  /** Population standard deviation of the daily means. */
  stdDevIdr: number | null;
  /** stdDev / mean × 100. */
  cvPercent: number | null;
  minIdr: number | null;
  maxIdr: number | null;
}

export interface SeriesStatistics {
  key: SeriesKey;
  /** The day the statistics are as of (start of the UTC day of `asOf`). */
  asOfDay: Instant;
  latestIdr: number | null;
  window7: WindowStatistics;
  window30: WindowStatistics;
  /** Latest daily mean vs the previous observed day's, in percent. */
  dayOverDayPercent: number | null;
  /** Mean of the last 7 days vs the mean of the 7 days before, in percent. */
  weekOverWeekPercent: number | null;
  /**
   * The mean of `asOfDay` vs the mean of the daily means of the 7 days before it
   * ([asOfDay-7, asOfDay-1]), in percent: the figure the PRICE_RISE tiers read. Null when either
   * side has no observations.
   */
  risePercent: number | null;
  /** The reference in force for this level on `asOfDay`, if any. */
  reference: ReferencePrice | null;
  /** Latest price vs the reference (its max for ceilings, its min for producer floors), in percent. */
  deviationFromReferencePercent: number | null;
}

export const RISE_TIERS = ['rising', 'waspada', 'siaga', 'kritis'] as const;
export type RiseTier = (typeof RISE_TIERS)[number];

export type AlertRule = 'PRICE_RISE' | 'VOLATILITY' | 'ABOVE_REFERENCE' | 'BELOW_PRODUCER_HAP';

/** What the rules see now for one series: which conditions hold, and how badly. */
export interface AlertCondition {
  rule: AlertRule;
  key: SeriesKey;
  /** For PRICE_RISE, the tier; other rules have a single level. */
  tier: RiseTier | null;
  /** The figure that triggered it (rise %, CV %, deviation %). */
  value: number;
  message: string;
}

/** An alert that is open, as stored: one per (rule, series). */
export interface OpenAlert {
  alertId: string;
  rule: AlertRule;
  key: SeriesKey;
  tier: RiseTier | null;
  value: number;
  raisedAt: Instant;
}

/** What changes when conditions are compared with open alerts: no repeats, only transitions. */
export type AlertTransition =
  | { kind: 'raised'; alert: OpenAlert; message: string }
  | { kind: 'escalated'; alert: OpenAlert; from: RiseTier; message: string }
  | { kind: 'de-escalated'; alert: OpenAlert; from: RiseTier; message: string }
  | { kind: 'resolved'; alert: OpenAlert; message: string };
