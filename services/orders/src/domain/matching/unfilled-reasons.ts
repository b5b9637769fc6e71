import type { BookRequest, CommodityBook } from './commodity-book';
import { rejectionCodeOf, rejectionOf } from './eligibility';
import type { UnfilledReason } from './matching-outcomes';
import { formatQty, type Qty } from './quantity';

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
  const tally = new Map<UnfilledReason['code'], UnfilledReason>();
  for (const offer of book.byPrice) {
    const code = rejectionCodeOf(offer, terms, book.ceilingIdr, need, book.clock);
    if (code === null) continue;
    const seen = tally.get(code);
    if (seen) {
      seen.offers += 1;
      continue;
    }
    // The message names the first offer that broke the rule; later ones are only counted.
    const rejection = rejectionOf(offer, terms, book.ceilingIdr, need, book.clock);
    tally.set(code, { code, message: rejection?.detail ?? code, offers: 1 });
  }
  const reasons = [...tally.values()].sort(
    (a, b) => b.offers - a.offers || a.code.localeCompare(b.code),
  );
  if (eligibleButRefused > 0) {
    reasons.unshift({
      code: 'PARTIAL_NOT_ACCEPTED',
      message: `only ${formatQty(eligibleButRefused, terms.unit)} eligible of ${formatQty(need, terms.unit)} needed, and partial fills are not accepted`,
      offers: 0,
    });
  }
  if (book.byPrice.length === 0) {
    reasons.push({
      code: 'NO_OFFERS',
      message: `no open offer of ${terms.commodityCode}`,
      offers: 0,
    });
  }
  return reasons;
}
