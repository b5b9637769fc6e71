import {
  type EventEnvelope,
  MatchingAllocationsReleased,
  type MatchingAllocationsReleasedV1,
  MatchingCeilingSet,
  type MatchingCeilingSetV1,
  MatchingClockTicked,
  MatchingOfferClosed,
  type MatchingOfferClosedV1,
  MatchingOfferUpdated,
  type MatchingOfferUpdatedV1,
  MatchingRequestCancelled,
  type MatchingRequestCancelledV1,
  MatchingRequestSubmitted,
  type MatchingRequestSubmittedV1,
} from '@simpul/contracts';
import type {
  MatchingInput,
  OfferTerms,
  RequestTerms,
} from '../../domain/matching/matching-inputs';
import { toQty } from '../../domain/matching/quantity';

/** The types on orders.matching.v1, in one list for the consumer's pattern. */
export const MATCHING_INPUT_TYPES: string[] = [
  MatchingOfferUpdated.type,
  MatchingOfferClosed.type,
  MatchingRequestSubmitted.type,
  MatchingRequestCancelled.type,
  MatchingAllocationsReleased.type,
  MatchingCeilingSet.type,
  MatchingClockTicked.type,
];

/** Translates a sequenced input into the engine's: inputs carry all they need, so replays agree. */
export function toMatchingInput(envelope: EventEnvelope): MatchingInput | null {
  switch (envelope.type) {
    case MatchingOfferUpdated.type:
      return {
        kind: 'offer-updated',
        offer: offerTermsFrom(envelope.data as MatchingOfferUpdatedV1),
      };
    case MatchingOfferClosed.type: {
      const data = envelope.data as MatchingOfferClosedV1;
      return { kind: 'offer-closed', offerId: data.offerId, reason: data.reason };
    }
    case MatchingRequestSubmitted.type:
      return {
        kind: 'request-submitted',
        request: requestTermsFrom(envelope.data as MatchingRequestSubmittedV1),
      };
    case MatchingRequestCancelled.type: {
      const data = envelope.data as MatchingRequestCancelledV1;
      return { kind: 'request-cancelled', requestId: data.requestId, reason: data.reason };
    }
    case MatchingAllocationsReleased.type: {
      const data = envelope.data as MatchingAllocationsReleasedV1;
      const allocations = data.allocations.map((a) => ({
        allocationId: a.allocationId,
        offerId: a.offerId,
        quantity: toQty(a.amount),
      }));
      return { kind: 'allocations-released', allocations, reason: data.reason };
    }
    case MatchingCeilingSet.type: {
      const data = envelope.data as MatchingCeilingSetV1;
      return { kind: 'ceiling-set', unitPriceIdr: data.unitPriceIdr, reference: data.reference };
    }
    case MatchingClockTicked.type:
      return { kind: 'clock-ticked' };
    default:
      return null;
  }
}

export function offerTermsFrom(data: MatchingOfferUpdatedV1): OfferTerms {
  return {
    offerId: data.offerId,
    producerId: data.producerId,
    commodityCode: data.commodityCode,
    unit: data.quantity.unit,
    grade: data.grade,
    gradeRank: data.gradeRank,
    unitPriceIdr: data.unitPriceIdr,
    quantity: toQty(data.quantity.amount),
    minOrderQuantity: toQty(data.minOrderQuantity ?? 0),
    availableFrom: Date.parse(data.availableFrom),
    availableUntil: Date.parse(data.availableUntil),
    bestBefore: data.bestBefore ? Date.parse(data.bestBefore) : null,
    certificates: data.certificates,
  };
}

export function requestTermsFrom(data: MatchingRequestSubmittedV1): RequestTerms {
  return {
    requestId: data.requestId,
    buyerId: data.buyerId,
    commodityCode: data.commodityCode,
    unit: data.quantity.unit,
    quantity: toQty(data.quantity.amount),
    tradingUnit: toQty(data.tradingUnit),
    maxUnitPriceIdr: data.maxUnitPriceIdr,
    minGrade: data.minGrade,
    minGradeRank: data.minGradeRank,
    destinationCode: data.destinationCode,
    transitHours: data.transitHours,
    deliverBy: Date.parse(data.deliverBy),
    minShelfLifeHoursOnArrival: data.minShelfLifeHoursOnArrival,
    requiredCertificates: data.requiredCertificates,
    allowPartial: data.allowPartial,
    expiresAt: Date.parse(data.expiresAt),
  };
}
