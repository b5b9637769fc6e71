import type { BookOffer, BookRequest, CommodityBook } from './commodity-book';
import {
  PRICE_ABOVE_CEILING,
  PRICE_ABOVE_MAXIMUM,
  REJECTION_CODES,
  UNIT_MISMATCH,
  rejectionIndexOf,
  rejectionOf,
} from './eligibility';
import type { UnfilledReason } from './matching-outcomes';
import type { PriceLevel } from './price-level';
import { formatQty, type Qty } from './quantity';

/**
 * Where reasons with equally many offers sort: by code, as `localeCompare` orders them. Ranked
 * once here, with `localeCompare` itself, so the order is the one a sort by it would give.
 */
const CODE_RANK = REJECTION_CODES.map((code) =>
  [...REJECTION_CODES].sort((a, b) => a.localeCompare(b)).indexOf(code),
);

/** Offers counted per code, and the first offer of each (its message names it). */
const counts = new Int32Array(REJECTION_CODES.length);
const firsts: (BookOffer | null)[] = REJECTION_CODES.map(() => null);

/**
 * Why a request still waits: every offer in the book that could not serve it, grouped by the
 * first rule it breaks, most common first (ties in a fixed code order).
 */
export function unfilledReasons(
  book: CommodityBook,
  request: BookRequest,
  eligibleButRefused: Qty,
): UnfilledReason[] {
  const terms = request.terms;
  const need = terms.quantity - request.filled;
  counts.fill(0);
  for (const level of book.levels) tallyLevel(book, request, level, need);
  const reasons: UnfilledReason[] = [];
  for (const code of codesByCount()) {
    const rejection = rejectionOf(firsts[code] as BookOffer, terms, book.ceilingIdr, need, book.clock);
    const name = REJECTION_CODES[code];
    reasons.push({ code: name, message: rejection?.detail ?? name, offers: counts[code] });
  }
  if (eligibleButRefused > 0) {
    reasons.unshift({
      code: 'PARTIAL_NOT_ACCEPTED',
      message: `only ${formatQty(eligibleButRefused, terms.unit)} eligible of ${formatQty(need, terms.unit)} needed, and partial fills are not accepted`,
      offers: 0,
    });
  }
  if (book.levels.length === 0) {
    reasons.push({
      code: 'NO_OFFERS',
      message: `no open offer of ${terms.commodityCode}`,
      offers: 0,
    });
  }
  return reasons;
}

/**
 * Counts a level's offers under the first rule each breaks. Above the buyer's maximum or the
 * ceiling that rule is the unit or the price for every offer, so no other rule is checked.
 */
function tallyLevel(book: CommodityBook, request: BookRequest, level: PriceLevel, need: Qty) {
  const terms = request.terms;
  const ceiling = book.ceilingIdr;
  const offers = level.offers;
  let priceRule = -1;
  if (level.price > terms.maxUnitPriceIdr) priceRule = PRICE_ABOVE_MAXIMUM;
  else if (ceiling !== null && level.price > ceiling) priceRule = PRICE_ABOVE_CEILING;
  if (priceRule >= 0) {
    for (let i = 0; i < offers.length; i++) {
      tally(offers[i].terms.unit !== terms.unit ? UNIT_MISMATCH : priceRule, offers[i]);
    }
    return;
  }
  for (let i = 0; i < offers.length; i++) {
    const code = rejectionIndexOf(offers[i], terms, ceiling, need, book.clock);
    if (code >= 0) tally(code, offers[i]);
  }
}

function tally(code: number, offer: BookOffer): void {
  if (counts[code]++ === 0) firsts[code] = offer;
}

/** The codes tallied, most offers first, then in code order (an insertion sort: at most nine). */
function codesByCount(): number[] {
  const codes: number[] = [];
  for (let code = 0; code < counts.length; code++) {
    if (counts[code] === 0) continue;
    let at = codes.length;
    while (at > 0 && before(code, codes[at - 1])) at -= 1;
    codes.splice(at, 0, code);
  }
  return codes;
}

function before(a: number, b: number): boolean {
  if (counts[a] !== counts[b]) return counts[a] > counts[b];
  return CODE_RANK[a] < CODE_RANK[b];
}
