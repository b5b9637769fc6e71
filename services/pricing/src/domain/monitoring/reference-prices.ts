import type { Instant, PriceLevel, ReferencePrice, Region, SeriesKey } from './pricing-types';

/** Both regions lie in HET/HAP zone 1 (Java, Lampung, South Sumatra…). */
export const ZONE_OF_REGION: Readonly<Record<Region, string>> = {
  blitar: 'zone-1',
  jakarta: 'zone-1',
};

export function isInForce(price: ReferencePrice, at: Instant): boolean {
  return price.effectiveFrom <= at && (price.effectiveUntil === null || at < price.effectiveUntil);
}

/** Latest effectiveFrom first; HET before HAP on a tie, then the lower ceiling, so the pick is stable. */
function byPrecedence(a: ReferencePrice, b: ReferencePrice): number {
  if (a.effectiveFrom !== b.effectiveFrom) return b.effectiveFrom - a.effectiveFrom;
  if (a.kind !== b.kind) return a.kind === 'HET' ? -1 : 1;
  if (a.maxIdr !== b.maxIdr) return a.maxIdr - b.maxIdr;
  return a.regulation < b.regulation ? -1 : a.regulation > b.regulation ? 1 : 0;
}

/** Every reference for this commodity, level and zone in force at `at`, the one that wins first. */
export function referencesInForce(
  prices: readonly ReferencePrice[],
  commodityCode: string,
  level: PriceLevel,
  zone: string,
  at: Instant,
): ReferencePrice[] {
  return prices
    .filter(
      (p) =>
        p.commodityCode === commodityCode &&
        p.level === level &&
        p.zone === zone &&
        isInForce(p, at),
    )
    .sort(byPrecedence);
}

/** The reference in force at `at`; when several overlap, the latest effectiveFrom wins. */
export function referenceAt(
  prices: readonly ReferencePrice[],
  commodityCode: string,
  level: PriceLevel,
  zone: string,
  at: Instant,
): ReferencePrice | null {
  return referencesInForce(prices, commodityCode, level, zone, at)[0] ?? null;
}

/**
 * The reference a series is judged against. Wholesale prices have no regulation of their own, so
 * they fall back to the consumer ceiling: a wholesale price above it is already too high.
 */
export function referenceForSeries(
  prices: readonly ReferencePrice[],
  key: SeriesKey,
  at: Instant,
): ReferencePrice | null {
  const zone = ZONE_OF_REGION[key.region];
  const own = referenceAt(prices, key.commodityCode, key.level, zone, at);
  if (own !== null || key.level !== 'wholesale') return own;
  return referenceAt(prices, key.commodityCode, 'consumer', zone, at);
}
