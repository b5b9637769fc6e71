import type { BookOffer, BookRequest, CommodityBook } from './commodity-book';
import { rejectionCodeOf } from './eligibility';
import type { AllocationExplanation } from './matching-outcomes';
import { LevelSharer } from './pro-rata';
import { formatIdr, formatQty, type Qty } from './quantity';

/**
 * What a request would take from the book now, line by line (offer, quantity, the explanation
 * of its price level). One plan is reused for every request an engine serves: planning runs for
 * almost every input, and its lines are turned into allocation lines at once.
 */
export class FillPlan {
  readonly offers: BookOffer[] = [];
  readonly quantities: Qty[] = [];
  readonly explanations: AllocationExplanation[] = [];
  length = 0;
  /** The sum of the lines' quantities. */
  total: Qty = 0;
  /** The offers of one level that may serve the request, before sharing. */
  readonly eligible: BookOffer[] = [];
  readonly sharer = new LevelSharer();

  clear(): void {
    this.length = 0;
    this.total = 0;
  }

  add(offer: BookOffer, quantity: Qty, explanation: AllocationExplanation): void {
    this.offers[this.length] = offer;
    this.quantities[this.length] = quantity;
    this.explanations[this.length] = explanation;
    this.length += 1;
    this.total += quantity;
  }
}

/**
 * Plans what a request would take from the book now: price levels from the cheapest eligible
 * one, each shared pro rata, until the request is filled or the eligible supply runs out.
 */
export function planFill(book: CommodityBook, request: BookRequest, plan: FillPlan): void {
  const terms = request.terms;
  const ceiling = book.ceilingIdr;
  const limit = ceiling === null ? terms.maxUnitPriceIdr : Math.min(ceiling, terms.maxUnitPriceIdr);
  const { eligible, sharer } = plan;
  const levels = book.levels;
  let need = terms.quantity - request.filled;
  let rank = 0;
  plan.clear();
  for (let l = 0; l < levels.length && need > 0 && levels[l].price <= limit; l++) {
    const { price, offers } = levels[l];
    let count = 0;
    for (let i = 0; i < offers.length; i++) {
      if (rejectionCodeOf(offers[i], terms, ceiling, need, book.clock) === null) {
        eligible[count++] = offers[i];
      }
    }
    if (count === 0) continue;
    rank += 1;
    sharer.share(eligible, count, need, terms.tradingUnit);
    // Every line of a level has the same explanation: one object, shared (read-only).
    let explanation: AllocationExplanation | null = null;
    for (let i = 0; i < count; i++) {
      const quantity = sharer.shares[i];
      if (quantity === 0) continue;
      explanation ??= {
        priceRank: rank,
        unitPriceIdr: price,
        maxUnitPriceIdr: terms.maxUnitPriceIdr,
        ceilingIdr: ceiling,
        rule: sharer.rule,
        levelOffers: sharer.participants,
        levelAvailable: sharer.available,
      };
      plan.add(eligible[i], quantity, explanation);
      need -= quantity;
    }
  }
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
