import type { BookOffer } from './commodity-book';

/**
 * The offers with stock at one price, in arrival order. The book keeps one per price instead of
 * one array sorted by (price, seq): an offer entering or leaving moves only its level's offers,
 * and a walk that needs only prices (reasons above a buyer's maximum) steps a level at a time.
 */
export interface PriceLevel {
  readonly price: number;
  readonly offers: BookOffer[];
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

/** Adds an offer in seq order; a new offer has the highest seq, so it usually just goes last. */
export function addToLevel(level: PriceLevel, offer: BookOffer): void {
  const offers = level.offers;
  const count = offers.length;
  if (count === 0 || offers[count - 1].seq < offer.seq) {
    offers.push(offer);
    return;
  }
  offers.splice(seqPosition(offers, offer.seq), 0, offer);
}

export function removeFromLevel(level: PriceLevel, offer: BookOffer): void {
  const offers = level.offers;
  const at = seqPosition(offers, offer.seq);
  // Seqs are unique in a book; the scan only guards a snapshot that broke that rule.
  offers.splice(offers[at] === offer ? at : offers.indexOf(offer), 1);
}

/** Binary search for the first offer whose seq is not below `seq`. */
function seqPosition(offers: readonly BookOffer[], seq: number): number {
  let low = 0;
  let high = offers.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (offers[mid].seq < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}
