import type { BookOffer } from './commodity-book';
import type { Instant, RequestTerms } from './matching-inputs';
import { formatIdr, formatQty, type Qty } from './quantity';

const HOUR_MS = 3_600_000;

export type Rejection =
  | { code: 'UNIT_MISMATCH'; detail: string }
  | { code: 'GRADE_BELOW_MINIMUM'; detail: string }
  | { code: 'PRICE_ABOVE_MAXIMUM'; detail: string }
  | { code: 'PRICE_ABOVE_CEILING'; detail: string }
  | { code: 'WINDOW_CLOSED'; detail: string }
  | { code: 'ARRIVES_AFTER_DELIVER_BY'; detail: string }
  | { code: 'SHELF_LIFE_TOO_SHORT'; detail: string }
  | { code: 'CERTIFICATE_MISSING'; detail: string }
  | { code: 'MIN_ORDER_QUANTITY'; detail: string };

/** When goods leave BTC for this offer: as soon as they are available, never in the past. */
export function departureOf(offer: BookOffer, now: Instant): Instant {
  return offer.terms.availableFrom > now ? offer.terms.availableFrom : now;
}

export function arrivalOf(offer: BookOffer, request: RequestTerms, now: Instant): Instant {
  return departureOf(offer, now) + request.transitHours * HOUR_MS;
}

/**
 * The first rule an offer breaks for a request, or null when it may be allocated. Cheap checks
 * first: this runs for every offer the engine walks past.
 */
export function rejectionOf(
  offer: BookOffer,
  request: RequestTerms,
  ceiling: number | null,
  stillNeeded: Qty,
  now: Instant,
): Rejection | null {
  const terms = offer.terms;
  if (terms.unit !== request.unit) {
    return {
      code: 'UNIT_MISMATCH',
      detail: `offered in ${terms.unit}, requested in ${request.unit}`,
    };
  }
  if (terms.unitPriceIdr > request.maxUnitPriceIdr) {
    return {
      code: 'PRICE_ABOVE_MAXIMUM',
      detail: `no offer at or below the maximum price ${formatIdr(request.maxUnitPriceIdr)}`,
    };
  }
  if (ceiling !== null && terms.unitPriceIdr > ceiling) {
    return { code: 'PRICE_ABOVE_CEILING', detail: `no offer within ceiling ${formatIdr(ceiling)}` };
  }
  if (terms.gradeRank === null || terms.gradeRank > request.minGradeRank) {
    return {
      code: 'GRADE_BELOW_MINIMUM',
      detail: `grade ${terms.grade} is below ${request.minGrade}`,
    };
  }
  return timingRejection(offer, request, now) ?? termsRejection(offer, request, stillNeeded);
}

function timingRejection(offer: BookOffer, request: RequestTerms, now: Instant): Rejection | null {
  const departure = departureOf(offer, now);
  if (departure > offer.terms.availableUntil) {
    return { code: 'WINDOW_CLOSED', detail: 'offer window ends before it could leave BTC' };
  }
  const arrival = departure + request.transitHours * HOUR_MS;
  if (arrival > request.deliverBy) {
    return {
      code: 'ARRIVES_AFTER_DELIVER_BY',
      detail: `earliest arrival ${new Date(arrival).toISOString()} is after deliver-by ${new Date(request.deliverBy).toISOString()}`,
    };
  }
  const bestBefore = offer.terms.bestBefore;
  if (bestBefore !== null && bestBefore - arrival < request.minShelfLifeHoursOnArrival * HOUR_MS) {
    return {
      code: 'SHELF_LIFE_TOO_SHORT',
      detail: `less than ${request.minShelfLifeHoursOnArrival} h of shelf life left on arrival`,
    };
  }
  return null;
}

function termsRejection(
  offer: BookOffer,
  request: RequestTerms,
  stillNeeded: Qty,
): Rejection | null {
  for (const certificate of request.requiredCertificates) {
    if (!offer.terms.certificates.includes(certificate)) {
      return {
        code: 'CERTIFICATE_MISSING',
        detail: `producer lacks the ${certificate} certificate`,
      };
    }
  }
  const minimum = offer.terms.minOrderQuantity;
  if (stillNeeded < minimum && stillNeeded < offer.remaining) {
    return {
      code: 'MIN_ORDER_QUANTITY',
      detail: `minimum order ${formatQty(minimum, offer.terms.unit)} exceeds the ${formatQty(stillNeeded, request.unit)} still needed`,
    };
  }
  return null;
}
