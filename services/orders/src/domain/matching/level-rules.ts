import type { CommodityBook } from './commodity-book';
import {
  ARRIVES_AFTER_DELIVER_BY,
  CERTIFICATE_MISSING,
  ELIGIBLE,
  GRADE_BELOW_MINIMUM,
  HOUR_MS,
  MIN_ORDER_QUANTITY,
  PRICE_ABOVE_CEILING,
  PRICE_ABOVE_MAXIMUM,
  SHELF_LIFE_TOO_SHORT,
  UNIT_MISMATCH,
  WINDOW_CLOSED,
  missingCertificate,
} from './eligibility';
import type { RequestTerms } from './matching-inputs';
import {
  AVAILABLE_FROM,
  AVAILABLE_UNTIL,
  BEST_BEFORE,
  CERTIFICATES,
  CERTIFICATES_BY_NAME,
  FLAGS,
  GRADELESS,
  GRADE_RANK,
  MIN_ORDER,
  NO_BEST_BEFORE,
  type PriceLevel,
  REMAINING,
  ROW,
  UNIT,
} from './price-level';
import type { Qty } from './quantity';

/**
 * A request's terms as the numbers the rows of a price level are checked against, worked out
 * once per walk of the book instead of once per offer.
 */
export class RowQuery {
  terms!: RequestTerms;
  maxUnitPriceIdr = 0;
  ceiling: number | null = null;
  unit = -1;
  minGradeRank = 0;
  now = 0;
  transitMs = 0;
  deliverBy = 0;
  shelfLifeMs = 0;
  needsCertificates = false;
  /** The required certificates' bits; null when one has none, so rows are compared by name. */
  certificates: number | null = 0;
  stillNeeded: Qty = 0;

  prepare(book: CommodityBook, terms: RequestTerms, stillNeeded: Qty): this {
    this.terms = terms;
    this.maxUnitPriceIdr = terms.maxUnitPriceIdr;
    this.ceiling = book.ceilingIdr;
    this.unit = book.codes.knownUnitId(terms.unit);
    this.minGradeRank = terms.minGradeRank;
    this.now = book.clock;
    // The same products eligibility.ts forms, so every comparison gives the same answer.
    this.transitMs = terms.transitHours * HOUR_MS;
    this.deliverBy = terms.deliverBy;
    this.shelfLifeMs = terms.minShelfLifeHoursOnArrival * HOUR_MS;
    this.needsCertificates = terms.requiredCertificates.length > 0;
    this.certificates = book.codes.knownCertificateBits(terms.requiredCertificates);
    this.stillNeeded = stillNeeded;
    return this;
  }
}

/**
 * The rule every offer of a level breaks by its price alone (above the buyer's maximum or the
 * ceiling), or -1 when the level is within both.
 */
export function levelPriceRule(level: PriceLevel, query: RowQuery): number {
  if (level.price > query.maxUnitPriceIdr) return PRICE_ABOVE_MAXIMUM;
  if (query.ceiling !== null && level.price > query.ceiling) return PRICE_ABOVE_CEILING;
  return -1;
}

/**
 * `rejectionIndexOf` for row `i` of a level whose price rule is `priceRule`. Above a limit only
 * the unit is checked before the price, so the rest of the row is not read.
 */
export function levelRowRejection(
  level: PriceLevel,
  i: number,
  query: RowQuery,
  priceRule: number,
): number {
  if (priceRule < 0) return rowRejection(level, i, query);
  return level.rows[i * ROW + UNIT] !== query.unit ? UNIT_MISMATCH : priceRule;
}

/**
 * `rejectionIndexOf` for row `i` of a level priced within the request's maximum and the
 * ceiling: the same rules in the same order, read from the level's rows.
 */
export function rowRejection(level: PriceLevel, i: number, query: RowQuery): number {
  const rows = level.rows;
  const row = i * ROW;
  if (rows[row + UNIT] !== query.unit) return UNIT_MISMATCH;
  const flags = rows[row + FLAGS];
  if ((flags & GRADELESS) !== 0 || rows[row + GRADE_RANK] > query.minGradeRank) {
    return GRADE_BELOW_MINIMUM;
  }
  const from = rows[row + AVAILABLE_FROM];
  const departure = from > query.now ? from : query.now;
  if (departure > rows[row + AVAILABLE_UNTIL]) return WINDOW_CLOSED;
  const arrival = departure + query.transitMs;
  if (arrival > query.deliverBy) return ARRIVES_AFTER_DELIVER_BY;
  if ((flags & NO_BEST_BEFORE) === 0 && rows[row + BEST_BEFORE] - arrival < query.shelfLifeMs) {
    return SHELF_LIFE_TOO_SHORT;
  }
  if (query.needsCertificates && lacksCertificate(level, i, query)) return CERTIFICATE_MISSING;
  const stillNeeded = query.stillNeeded;
  if (stillNeeded < rows[row + MIN_ORDER] && stillNeeded < rows[row + REMAINING]) {
    return MIN_ORDER_QUANTITY;
  }
  return ELIGIBLE;
}

function lacksCertificate(level: PriceLevel, i: number, query: RowQuery): boolean {
  const row = i * ROW;
  if ((level.rows[row + FLAGS] & CERTIFICATES_BY_NAME) !== 0) {
    return missingCertificate(level.offers[i], query.terms) !== undefined;
  }
  // A required certificate without a bit was never held by an offer whose row has bits.
  const required = query.certificates;
  return required === null || (level.rows[row + CERTIFICATES] & required) !== required;
}
