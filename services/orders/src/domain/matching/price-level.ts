import type { BookOffer } from './commodity-book';
import type { OfferCodes } from './offer-codes';

/** The fields of a row: an offer's terms as numbers, at row × ROW + field. */
export const SEQ = 0;
export const REMAINING = 1;
export const MIN_ORDER = 2;
export const GRADE_RANK = 3;
export const AVAILABLE_FROM = 4;
export const AVAILABLE_UNTIL = 5;
export const BEST_BEFORE = 6;
export const UNIT = 7;
/** The offer's certificates as bits (OfferCodes). */
export const CERTIFICATES = 8;
export const FLAGS = 9;
export const ROW = 10;

/** Flags: what a nullable term holds, or that certificates must be compared by name. */
export const GRADELESS = 1;
export const NO_BEST_BEFORE = 2;
export const CERTIFICATES_BY_NAME = 4;

/**
 * The offers with stock at one price, in arrival order, and beside them (row i is offers[i])
 * the terms every request checks, as numbers in one typed array. A book's offers are scattered
 * objects; a walk that read them would wait on memory for most offers it passes, while rows
 * are read in order from one block. The book rewrites a row whenever its offer changes.
 */
export class PriceLevel {
  readonly offers: BookOffer[] = [];
  rows = new Float64Array(8 * ROW);

  constructor(readonly price: number) {}

  /** Adds an offer in seq order; a new offer has the highest seq, so it usually just goes last. */
  add(offer: BookOffer, codes: OfferCodes): void {
    const count = this.offers.length;
    const last = (count - 1) * ROW + SEQ;
    const at = count > 0 && this.rows[last] >= offer.seq ? this.position(offer.seq) : count;
    if ((count + 1) * ROW > this.rows.length) this.grow();
    if (at < count) this.rows.copyWithin((at + 1) * ROW, at * ROW, count * ROW);
    this.offers.splice(at, 0, offer);
    this.write(at, offer, codes);
  }

  remove(offer: BookOffer): void {
    const at = this.rowOf(offer);
    this.rows.copyWithin(at * ROW, (at + 1) * ROW, this.offers.length * ROW);
    this.offers.splice(at, 1);
  }

  /** Rewrites an offer's row after its terms or remaining quantity changed. */
  refresh(offer: BookOffer, codes: OfferCodes): void {
    this.write(this.rowOf(offer), offer, codes);
  }

  /** After an allocation only the remaining quantity changed. */
  refreshRemaining(offer: BookOffer): void {
    this.rows[this.rowOf(offer) * ROW + REMAINING] = offer.remaining;
  }

  private rowOf(offer: BookOffer): number {
    const at = this.position(offer.seq);
    // Seqs are unique in a book; the scan only guards a snapshot that broke that rule.
    return this.offers[at] === offer ? at : this.offers.indexOf(offer);
  }

  /** Binary search for the first row whose seq is not below `seq`. */
  private position(seq: number): number {
    let low = 0;
    let high = this.offers.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.rows[mid * ROW + SEQ] < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private write(at: number, offer: BookOffer, codes: OfferCodes): void {
    const terms = offer.terms;
    const certificates = codes.certificateBits(terms.certificates);
    const row = at * ROW;
    const rows = this.rows;
    rows[row + SEQ] = offer.seq;
    rows[row + REMAINING] = offer.remaining;
    rows[row + MIN_ORDER] = terms.minOrderQuantity;
    rows[row + GRADE_RANK] = terms.gradeRank ?? 0;
    rows[row + AVAILABLE_FROM] = terms.availableFrom;
    rows[row + AVAILABLE_UNTIL] = terms.availableUntil;
    rows[row + BEST_BEFORE] = terms.bestBefore ?? 0;
    rows[row + UNIT] = codes.unitId(terms.unit);
    rows[row + CERTIFICATES] = certificates ?? 0;
    rows[row + FLAGS] =
      (terms.gradeRank === null ? GRADELESS : 0) |
      (terms.bestBefore === null ? NO_BEST_BEFORE : 0) |
      (certificates === null ? CERTIFICATES_BY_NAME : 0);
  }

  private grow(): void {
    const larger = new Float64Array(this.rows.length * 2);
    larger.set(this.rows);
    this.rows = larger;
  }
}

/** Binary search for the first level whose price is not below `price`. */
export function levelPosition(levels: readonly PriceLevel[], price: number): number {
  let low = 0;
  let high = levels.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (levels[mid].price < price) low = mid + 1;
    else high = mid;
  }
  return low;
}
