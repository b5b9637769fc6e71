import type { BookOffer, BookRequest, CommodityBook } from './commodity-book';
import { rejectionCodeOf } from './eligibility';
import type { AllocationExplanation } from './matching-outcomes';
import { formatIdr, formatQty, type Qty } from './quantity';
import { shareLevel } from './pro-rata';

export interface PlannedLine {
  offer: BookOffer;
  quantity: Qty;
  explanation: AllocationExplanation;
}

/**
 * What a request would take from the book now: price levels from the cheapest eligible one,
 * each shared pro rata, until the request is filled or the eligible supply runs out.
 */
export function planFill(book: CommodityBook, request: BookRequest): PlannedLine[] {
  const terms = request.terms;
  const ceiling = book.ceilingIdr;
  const limit = ceiling === null ? terms.maxUnitPriceIdr : Math.min(ceiling, terms.maxUnitPriceIdr);
  const lines: PlannedLine[] = [];
  let need = terms.quantity - request.filled;
  let rank = 0;
  let i = 0;
  const offers = book.byPrice;
  while (i < offers.length && need > 0 && offers[i].terms.unitPriceIdr <= limit) {
    const price = offers[i].terms.unitPriceIdr;
    const level: BookOffer[] = [];
    for (; i < offers.length && offers[i].terms.unitPriceIdr === price; i++) {
      if (rejectionCodeOf(offers[i], terms, ceiling, need, book.clock) === null) {
        level.push(offers[i]);
      }
    }
    if (level.length === 0) continue;
    rank += 1;
    const { shares, rule, available } = shareLevel(level, need, terms.tradingUnit);
    // Every line of a level has the same explanation: one object, shared (read-only).
    const explanation: AllocationExplanation = {
      priceRank: rank,
      unitPriceIdr: price,
      maxUnitPriceIdr: terms.maxUnitPriceIdr,
      ceilingIdr: ceiling,
      rule,
      levelOffers: shares.size,
      levelAvailable: available,
    };
    for (const offer of level) {
      const quantity = shares.get(offer) ?? 0;
      if (quantity === 0) continue;
      lines.push({ offer, quantity, explanation });
      need -= quantity;
    }
  }
  return lines;
}

/** The sentence a BUMD reads for an allocation; rendered when it is saved, not while matching. */
export function describeAllocation(
  explanation: AllocationExplanation,
  quantity: Qty,
  unit: string,
): string {
  const { priceRank, unitPriceIdr, maxUnitPriceIdr, ceilingIdr, rule, levelOffers } = explanation;
  const limits = `max ${formatIdr(maxUnitPriceIdr)}${ceilingIdr === null ? ', no ceiling' : `, ceiling ${formatIdr(ceilingIdr)}`}`;
  const available = formatQty(explanation.levelAvailable, unit);
  const share =
    rule === 'pro-rata'
      ? `shared pro rata among ${levelOffers} offers holding ${available}`
      : `all ${available} of ${levelOffers} offer${levelOffers === 1 ? '' : 's'} at this price`;
  return `price rank ${priceRank} at ${formatIdr(unitPriceIdr)} IDR/${unit} (${limits}); ${share}; took ${formatQty(quantity, unit)}`;
}
