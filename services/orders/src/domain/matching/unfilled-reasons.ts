import type { BookOffer, BookRequest, CommodityBook } from './commodity-book';
import { REJECTION_CODES, rejectionOf } from './eligibility';
import { RowQuery, levelPriceRule, levelRowRejection } from './level-rules';
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
const query = new RowQuery();

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
  query.prepare(book, terms, need);
  for (const level of book.levels) tallyLevel(level);
  const reasons: UnfilledReason[] = [];
  for (const code of codesByCount()) {
    const rejection = rejectionOf(
      firsts[code] as BookOffer,
      terms,
      book.ceilingIdr,
      need,
      book.clock,
    );
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

/** Counts a level's offers under the first rule each breaks. */
function tallyLevel(level: PriceLevel): void {
  const priceRule = levelPriceRule(level, query);
  for (let i = 0; i < level.offers.length; i++) {
    const code = levelRowRejection(level, i, query, priceRule);
    if (code >= 0) tally(code, level, i);
  }
}

function tally(code: number, level: PriceLevel, row: number): void {
  if (counts[code]++ === 0) firsts[code] = level.offers[row];
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
