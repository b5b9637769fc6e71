import type { BookOffer } from './commodity-book';
import { type Qty, wholeUnits } from './quantity';

export interface LevelShares {
  shares: Map<BookOffer, Qty>;
  rule: 'whole-level' | 'pro-rata';
  /** What the offers that took part held together, in whole trading units. */
  available: Qty;
}

/**
 * Shares `need` among offers at one price. If they hold no more than `need`, each gives all it
 * has. Otherwise each gets need × its holding / total, in whole trading units (floored); the
 * units left over go one each to the largest fractional parts, ties to the earlier offer. An
 * offer whose share would fall below its minimum order quantity (without emptying it) steps
 * out and the level is shared again without it.
 */
export function shareLevel(level: readonly BookOffer[], need: Qty, unit: Qty): LevelShares {
  let candidates = level.filter((offer) => wholeUnits(offer.remaining, unit) > 0);
  for (;;) {
    const result = shareOnce(candidates, need, unit);
    const kept = candidates.filter((offer) =>
      respectsMinimum(offer, result.shares.get(offer) ?? 0),
    );
    if (kept.length === candidates.length) return result;
    candidates = kept;
  }
}

function respectsMinimum(offer: BookOffer, share: Qty): boolean {
  return share === 0 || share >= offer.terms.minOrderQuantity || share === offer.remaining;
}

function shareOnce(candidates: readonly BookOffer[], need: Qty, unit: Qty): LevelShares {
  const held = candidates.map((offer) => wholeUnits(offer.remaining, unit) / unit);
  const totalUnits = held.reduce((sum, units) => sum + units, 0);
  const shares = new Map<BookOffer, Qty>();
  const available = totalUnits * unit;
  if (available <= need) {
    candidates.forEach((offer, i) => shares.set(offer, held[i] * unit));
    return { shares, rule: 'whole-level', available };
  }
  const wanted = Math.floor(need / unit);
  const base = held.map((units) => mulDivFloor(wanted, units, totalUnits));
  let leftover = wanted - base.reduce((sum, units) => sum + units, 0);
  const byFraction = candidates
    .map((offer, i) => ({ i, fraction: mulMod(wanted, held[i], totalUnits), seq: offer.seq }))
    .sort((a, b) => b.fraction - a.fraction || a.seq - b.seq);
  for (const { i } of byFraction) {
    if (leftover === 0) break;
    base[i] += 1;
    leftover -= 1;
  }
  candidates.forEach((offer, i) => shares.set(offer, base[i] * unit));
  return { shares, rule: 'pro-rata', available };
}

/** floor(a × b / c), exact even when a × b is beyond 2^53. */
function mulDivFloor(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return Math.floor(product / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

function mulMod(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return product % c;
  return Number((BigInt(a) * BigInt(b)) % BigInt(c));
}
