import type { Qty } from './quantity';
import type { Rejection } from './eligibility';

export type RequestStatus = 'open' | 'partially_matched' | 'matched' | 'cancelled' | 'expired';

/** Why an allocation was made: enough for a BUMD to see that the rule was followed. */
export interface AllocationExplanation {
  /** 1 = the cheapest eligible price level. */
  priceRank: number;
  unitPriceIdr: number;
  maxUnitPriceIdr: number;
  ceilingIdr: number | null;
  rule: 'whole-level' | 'pro-rata';
  /** Offers sharing this price level, and what they held together. */
  levelOffers: number;
  levelAvailable: Qty;
}

export interface AllocationLine {
  allocationId: string;
  offerId: string;
  producerId: string;
  quantity: Qty;
  unitPriceIdr: number;
  /** The offer's facts logistics plans with: when the goods are at BTC and when they spoil. */
  availableFrom: number;
  bestBefore: number | null;
  explanation: AllocationExplanation;
}

export interface UnfilledReason {
  code: Rejection['code'] | 'NO_OFFERS' | 'PARTIAL_NOT_ACCEPTED';
  message: string;
  /** How many offers failed this way. */
  offers: number;
}

export type MatchingOutcome =
  | {
      kind: 'order-confirmed';
      orderId: string;
      requestId: string;
      buyerId: string;
      commodityCode: string;
      unit: string;
      destinationCode: string;
      deliverBy: number;
      minShelfLifeHoursOnArrival: number;
      lines: AllocationLine[];
    }
  | {
      kind: 'request-progressed';
      requestId: string;
      buyerId: string;
      unit: string;
      status: RequestStatus;
      filled: Qty;
      open: Qty;
      unfilledReasons: UnfilledReason[];
    }
  | {
      kind: 'allocation-released';
      allocationId: string;
      offerId: string;
      quantity: Qty;
      reason: string;
    }
  | { kind: 'input-ignored'; reason: string };
