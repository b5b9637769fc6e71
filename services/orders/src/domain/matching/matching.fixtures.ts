import { CommodityBook } from './commodity-book';
import type { MatchingInput, OfferTerms, RequestTerms } from './matching-inputs';
import { MatchingEngine } from './matching-engine';
import type { MatchingOutcome } from './matching-outcomes';
import { toQty } from './quantity';

/** Test fixtures for the matching engine: Blitar eggs offered to Jakarta BUMDs, in kg. */
export const T0 = Date.parse('2026-09-01T00:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function offerTerms(overrides: Partial<OfferTerms> & { offerId: string }): OfferTerms {
  return {
    producerId: `producer-of-${overrides.offerId}`,
    commodityCode: 'EGG',
    unit: 'kg',
    grade: 'large',
    gradeRank: 0,
    unitPriceIdr: 26_000,
    quantity: toQty(1_000),
    minOrderQuantity: 0,
    availableFrom: T0,
    availableUntil: T0 + 7 * DAY,
    bestBefore: T0 + 14 * DAY,
    certificates: [],
    ...overrides,
  };
}

export function requestTerms(
  overrides: Partial<RequestTerms> & { requestId: string },
): RequestTerms {
  return {
    buyerId: 'pasar-jaya',
    commodityCode: 'EGG',
    unit: 'kg',
    quantity: toQty(500),
    tradingUnit: toQty(1),
    maxUnitPriceIdr: 28_000,
    minGrade: 'medium',
    minGradeRank: 1,
    destinationCode: 'PIKJ',
    transitHours: 18,
    deliverBy: T0 + 3 * DAY,
    minShelfLifeHoursOnArrival: 72,
    requiredCertificates: [],
    allowPartial: true,
    expiresAt: T0 + 5 * DAY,
    ...overrides,
  };
}

/** Given / when / then over inputs: a fresh book, deterministic ids, a fixed clock per input. */
export class MatchingScenario {
  readonly engine: MatchingEngine;
  private ids = 0;

  constructor(commodityCode = 'EGG') {
    this.engine = new MatchingEngine(CommodityBook.empty(commodityCode));
  }

  given(...inputs: MatchingInput[]): this {
    for (const input of inputs) this.when(input);
    return this;
  }

  when(input: MatchingInput, now = T0): MatchingOutcome[] {
    return this.engine.apply(input, { now, nextId: () => `id-${++this.ids}` });
  }
}

export const offered = (overrides: Partial<OfferTerms> & { offerId: string }): MatchingInput => ({
  kind: 'offer-updated',
  offer: offerTerms(overrides),
});

export const requested = (
  overrides: Partial<RequestTerms> & { requestId: string },
): MatchingInput => ({ kind: 'request-submitted', request: requestTerms(overrides) });
