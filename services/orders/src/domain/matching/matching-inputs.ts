import type { Qty } from './quantity';

/** Epoch milliseconds: the engine never reads a clock, every input says what time it is. */
export type Instant = number;

/** An offer's terms as the book needs them (from the catalog's offer events). */
export interface OfferTerms {
  offerId: string;
  producerId: string;
  commodityCode: string;
  unit: string;
  grade: string;
  /** Position of the grade on the commodity's scale, 0 = best; null when the scale lacks it. */
  gradeRank: number | null;
  unitPriceIdr: number;
  /** Everything ever offered; the book subtracts what it allocated. */
  quantity: Qty;
  minOrderQuantity: Qty;
  availableFrom: Instant;
  availableUntil: Instant;
  /** When the goods stop being fit for sale; null for goods that do not spoil. */
  bestBefore: Instant | null;
  certificates: readonly string[];
}

export interface RequestTerms {
  requestId: string;
  buyerId: string;
  commodityCode: string;
  unit: string;
  quantity: Qty;
  /** Allocations are whole multiples of this (1 kg, 1 ekor…). */
  tradingUnit: Qty;
  maxUnitPriceIdr: number;
  minGrade: string;
  minGradeRank: number;
  destinationCode: string;
  /** Typical transit from BTC Blitar to the destination, resolved when the request is placed. */
  transitHours: number;
  deliverBy: Instant;
  minShelfLifeHoursOnArrival: number;
  requiredCertificates: readonly string[];
  allowPartial: boolean;
  expiresAt: Instant;
}

export interface AllocationToRelease {
  allocationId: string;
  offerId: string;
  quantity: Qty;
}

/** Everything that can change a commodity's book, in the order it must be applied. */
export type MatchingInput =
  | { kind: 'offer-updated'; offer: OfferTerms }
  | { kind: 'offer-closed'; offerId: string; reason: string }
  | { kind: 'request-submitted'; request: RequestTerms }
  | { kind: 'request-cancelled'; requestId: string; reason: string }
  | { kind: 'allocations-released'; allocations: readonly AllocationToRelease[]; reason: string }
  | { kind: 'ceiling-set'; unitPriceIdr: number | null; reference: string }
  | { kind: 'clock-ticked' };

/** What the caller passes with each input: the input's time, and where new ids come from. */
export interface MatchingContext {
  now: Instant;
  nextId: () => string;
}
