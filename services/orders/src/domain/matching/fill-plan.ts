import type { BookOffer, BookRequest, CommodityBook } from './commodity-book';
import { ELIGIBLE } from './eligibility';
import { RowQuery, rowRejection } from './level-rules';
import type { AllocationExplanation } from './matching-outcomes';
import { MIN_ORDER, type PriceLevel, REMAINING, ROW, SEQ } from './price-level';
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
  /** The rows of one level that may serve the request, before sharing. */
  eligible = new Int32Array(16);
  readonly sharer = new LevelSharer();
  readonly query = new RowQuery();

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
  const levels = book.levels;
  const query = plan.query.prepare(book, terms, terms.quantity - request.filled);
  let rank = 0;
  plan.clear();
  for (let l = 0; l < levels.length && query.stillNeeded > 0 && levels[l].price <= limit; l++) {
    const level = levels[l];
    const count = eligibleRows(level, query, plan);
    if (count === 0) continue;
    rank += 1;
    const sharer = plan.sharer;
    sharer.share(count, query.stillNeeded, terms.tradingUnit);
    // Every line of a level has the same explanation: one object, shared (read-only).
    let explanation: AllocationExplanation | null = null;
    for (let k = 0; k < count; k++) {
      const quantity = sharer.shares[k];
      if (quantity === 0) continue;
      explanation ??= {
        priceRank: rank,
        unitPriceIdr: level.price,
        maxUnitPriceIdr: terms.maxUnitPriceIdr,
        ceilingIdr: ceiling,
        rule: sharer.rule,
        levelOffers: sharer.participants,
        levelAvailable: sharer.available,
      };
      plan.add(level.offers[plan.eligible[k]], quantity, explanation);
      query.stillNeeded -= quantity;
    }
  }
}

/** Finds the level's rows that may serve the request and loads them into the sharer. */
function eligibleRows(level: PriceLevel, query: RowQuery, plan: FillPlan): number {
  const rows = level.offers.length;
  if (plan.eligible.length < rows) {
    plan.eligible = new Int32Array(Math.max(rows, plan.eligible.length * 2));
  }
  plan.sharer.reserve(rows);
  let count = 0;
  for (let i = 0; i < rows; i++) {
    if (rowRejection(level, i, query) !== ELIGIBLE) continue;
    plan.eligible[count] = i;
    const row = i * ROW;
    plan.sharer.load(
      count,
      level.rows[row + REMAINING],
      level.rows[row + SEQ],
      level.rows[row + MIN_ORDER],
    );
    count += 1;
  }
  return count;
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
