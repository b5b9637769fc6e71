import type { BookOffer } from './commodity-book';
import type { Instant, RequestTerms } from './matching-inputs';
import { formatIdr, formatQty, type Qty } from './quantity';

export const HOUR_MS = 3_600_000;

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

/**
 * The last price formatted, and how: a scan of the book rejects offer after offer against the
 * same limit, and number formatting costs more than all the checks together.
 */
let formatted = { idr: Number.NaN, text: '' };

function idr(value: number): string {
  if (formatted.idr !== value) formatted = { idr: value, text: formatIdr(value) };
  return formatted.text;
}

/** When goods leave BTC for this offer: as soon as they are available, never in the past. */
export function departureOf(offer: BookOffer, now: Instant): Instant {
  return offer.terms.availableFrom > now ? offer.terms.availableFrom : now;
}

export function arrivalOf(offer: BookOffer, request: RequestTerms, now: Instant): Instant {
  return departureOf(offer, now) + request.transitHours * HOUR_MS;
}

/** Every rejection code, each at its index: the engine tallies rejections by index. */
export const REJECTION_CODES = [
  'UNIT_MISMATCH',
  'GRADE_BELOW_MINIMUM',
  'PRICE_ABOVE_MAXIMUM',
  'PRICE_ABOVE_CEILING',
  'WINDOW_CLOSED',
  'ARRIVES_AFTER_DELIVER_BY',
  'SHELF_LIFE_TOO_SHORT',
  'CERTIFICATE_MISSING',
  'MIN_ORDER_QUANTITY',
] as const satisfies readonly Rejection['code'][];

export const UNIT_MISMATCH = 0;
export const GRADE_BELOW_MINIMUM = 1;
export const PRICE_ABOVE_MAXIMUM = 2;
export const PRICE_ABOVE_CEILING = 3;
export const WINDOW_CLOSED = 4;
export const ARRIVES_AFTER_DELIVER_BY = 5;
export const SHELF_LIFE_TOO_SHORT = 6;
export const CERTIFICATE_MISSING = 7;
export const MIN_ORDER_QUANTITY = 8;
export const ELIGIBLE = -1;

/**
 * The first rule an offer breaks for a request, or null when it may be allocated. Cheap checks
 * first: this runs for every offer the engine walks past, so it builds no message.
 */
export function rejectionCodeOf(
  offer: BookOffer,
  request: RequestTerms,
  ceiling: number | null,
  stillNeeded: Qty,
  now: Instant,
): Rejection['code'] | null {
  const index = rejectionIndexOf(offer, request, ceiling, stillNeeded, now);
  return index === ELIGIBLE ? null : REJECTION_CODES[index];
}

/** `rejectionCodeOf` as an index into REJECTION_CODES, or -1 when the offer may be allocated. */
export function rejectionIndexOf(
  offer: BookOffer,
  request: RequestTerms,
  ceiling: number | null,
  stillNeeded: Qty,
  now: Instant,
): number {
  const terms = offer.terms;
  if (terms.unit !== request.unit) return UNIT_MISMATCH;
  if (terms.unitPriceIdr > request.maxUnitPriceIdr) return PRICE_ABOVE_MAXIMUM;
  if (ceiling !== null && terms.unitPriceIdr > ceiling) return PRICE_ABOVE_CEILING;
  if (terms.gradeRank === null || terms.gradeRank > request.minGradeRank) {
    return GRADE_BELOW_MINIMUM;
  }
  const timing = timingRejection(offer, request, now);
  return timing === ELIGIBLE ? termsRejection(offer, request, stillNeeded) : timing;
}

/** The first rule an offer breaks for a request, with what the buyer is told about it. */
export function rejectionOf(
  offer: BookOffer,
  request: RequestTerms,
  ceiling: number | null,
  stillNeeded: Qty,
  now: Instant,
): Rejection | null {
  const code = rejectionCodeOf(offer, request, ceiling, stillNeeded, now);
  if (code === null) return null;
  return { code, detail: detailOf(code, offer, request, ceiling, stillNeeded, now) } as Rejection;
}

function timingRejection(offer: BookOffer, request: RequestTerms, now: Instant): number {
  const departure = departureOf(offer, now);
  if (departure > offer.terms.availableUntil) return WINDOW_CLOSED;
  const arrival = departure + request.transitHours * HOUR_MS;
  if (arrival > request.deliverBy) return ARRIVES_AFTER_DELIVER_BY;
  const bestBefore = offer.terms.bestBefore;
  if (bestBefore !== null && bestBefore - arrival < request.minShelfLifeHoursOnArrival * HOUR_MS) {
    return SHELF_LIFE_TOO_SHORT;
  }
  return ELIGIBLE;
}

function termsRejection(offer: BookOffer, request: RequestTerms, stillNeeded: Qty): number {
  if (request.requiredCertificates.length > 0 && missingCertificate(offer, request) !== undefined) {
    return CERTIFICATE_MISSING;
  }
  const minimum = offer.terms.minOrderQuantity;
  if (stillNeeded < minimum && stillNeeded < offer.remaining) return MIN_ORDER_QUANTITY;
  return ELIGIBLE;
}

export function missingCertificate(offer: BookOffer, request: RequestTerms): string | undefined {
  for (const certificate of request.requiredCertificates) {
    if (!offer.terms.certificates.includes(certificate)) return certificate;
  }
  return undefined;
}

function detailOf(
  code: Rejection['code'],
  offer: BookOffer,
  request: RequestTerms,
  ceiling: number | null,
  stillNeeded: Qty,
  now: Instant,
): string {
  const terms = offer.terms;
  switch (code) {
    case 'UNIT_MISMATCH':
      return `offered in ${terms.unit}, requested in ${request.unit}`;
    case 'PRICE_ABOVE_MAXIMUM':
      return `no offer at or below the maximum price ${idr(request.maxUnitPriceIdr)}`;
    case 'PRICE_ABOVE_CEILING':
      return `no offer within ceiling ${idr(ceiling as number)}`;
    case 'GRADE_BELOW_MINIMUM':
      return `grade ${terms.grade} is below ${request.minGrade}`;
    case 'WINDOW_CLOSED':
      return 'offer window ends before it could leave BTC';
    case 'ARRIVES_AFTER_DELIVER_BY':
      return `earliest arrival ${new Date(arrivalOf(offer, request, now)).toISOString()} is after deliver-by ${new Date(request.deliverBy).toISOString()}`;
    case 'SHELF_LIFE_TOO_SHORT':
      return `less than ${request.minShelfLifeHoursOnArrival} h of shelf life left on arrival`;
    case 'CERTIFICATE_MISSING':
      return `producer lacks the ${missingCertificate(offer, request)} certificate`;
    case 'MIN_ORDER_QUANTITY':
      return `minimum order ${formatQty(terms.minOrderQuantity, terms.unit)} exceeds the ${formatQty(stillNeeded, request.unit)} still needed`;
  }
}
