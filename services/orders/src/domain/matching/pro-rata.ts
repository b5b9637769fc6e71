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
  const sharer = new LevelSharer();
  sharer.reserve(level.length);
  level.forEach((offer, i) =>
    sharer.load(i, offer.remaining, offer.seq, offer.terms.minOrderQuantity),
  );
  sharer.share(level.length, need, unit);
  const shares = new Map<BookOffer, Qty>();
  level.forEach((offer, i) => {
    if (sharer.takesPart(i)) shares.set(offer, sharer.shares[i]);
  });
  return { shares, rule: sharer.rule, available: sharer.available };
}

/**
 * `shareLevel` without a Map or an array per call: the engine shares a level for almost every
 * request, so the working numbers live in typed arrays that one sharer reuses. The caller loads
 * each offer's numbers by position (`load`), then `share`s; `shares[i]` is what offer i gives
 * (0 when it takes no part).
 */
export class LevelSharer {
  shares = new Float64Array(16);
  rule: LevelShares['rule'] = 'whole-level';
  available: Qty = 0;
  /** How many offers took part in the final round. */
  participants = 0;
  private remaining = new Float64Array(16);
  private minOrder = new Float64Array(16);
  private seq = new Float64Array(16);
  private held = new Float64Array(16);
  private base = new Float64Array(16);
  private fraction = new Float64Array(16);
  private active = new Uint8Array(16);
  /** Positions of the offers taking part, in the order they get spare units. */
  private order = new Int32Array(16);
  /** Spare units go to the largest fractions first, ties to the earlier offer. */
  private readonly byFraction = (a: number, b: number) =>
    this.fraction[b] - this.fraction[a] || this.seq[a] - this.seq[b];

  takesPart(i: number): boolean {
    return this.active[i] === 1;
  }

  /** Makes room for `count` offers; call before loading them. */
  reserve(count: number): void {
    if (count <= this.held.length) return;
    const size = Math.max(count, this.held.length * 2);
    this.shares = new Float64Array(size);
    this.remaining = new Float64Array(size);
    this.minOrder = new Float64Array(size);
    this.seq = new Float64Array(size);
    this.held = new Float64Array(size);
    this.base = new Float64Array(size);
    this.fraction = new Float64Array(size);
    this.active = new Uint8Array(size);
    this.order = new Int32Array(size);
  }

  /** What offer i holds, its arrival order and its minimum order quantity. */
  load(i: number, remaining: Qty, seq: number, minOrder: Qty): void {
    this.remaining[i] = remaining;
    this.seq[i] = seq;
    this.minOrder[i] = minOrder;
  }

  /** Shares `need` among the first `count` offers loaded. */
  share(count: number, need: Qty, unit: Qty): void {
    for (let i = 0; i < count; i++) {
      const held = wholeUnits(this.remaining[i], unit) / unit;
      this.held[i] = held;
      this.active[i] = held > 0 ? 1 : 0;
    }
    for (;;) {
      this.shareOnce(count, need, unit);
      if (!this.dropBelowMinimum(count)) return;
    }
  }

  /** Takes out the offers whose share breaks their minimum order; true when any did. */
  private dropBelowMinimum(count: number): boolean {
    let dropped = false;
    for (let i = 0; i < count; i++) {
      if (this.active[i] === 0) continue;
      const share = this.shares[i];
      if (share === 0 || share >= this.minOrder[i] || share === this.remaining[i]) continue;
      this.active[i] = 0;
      dropped = true;
    }
    return dropped;
  }

  private shareOnce(count: number, need: Qty, unit: Qty): void {
    const { held, active, shares } = this;
    let totalUnits = 0;
    let participants = 0;
    for (let i = 0; i < count; i++) {
      if (active[i] === 0) continue;
      totalUnits += held[i];
      participants += 1;
    }
    this.participants = participants;
    this.available = totalUnits * unit;
    if (this.available <= need) {
      for (let i = 0; i < count; i++) shares[i] = active[i] === 1 ? held[i] * unit : 0;
      this.rule = 'whole-level';
      return;
    }
    const wanted = Math.floor(need / unit);
    this.proRata(count, wanted, totalUnits);
    for (let i = 0; i < count; i++) shares[i] = active[i] === 1 ? this.base[i] * unit : 0;
    this.rule = 'pro-rata';
  }

  /** Whole units per offer: floored shares, then the spare units by largest fraction. */
  private proRata(count: number, wanted: number, totalUnits: number): void {
    const { held, active, base, fraction, order } = this;
    let leftover = wanted;
    for (let i = 0; i < count; i++) {
      if (active[i] === 0) continue;
      base[i] = mulDivFloor(wanted, held[i], totalUnits);
      leftover -= base[i];
    }
    if (leftover === 0) return;
    let participants = 0;
    for (let i = 0; i < count; i++) {
      if (active[i] === 0) continue;
      fraction[i] = mulMod(wanted, held[i], totalUnits);
      order[participants++] = i;
    }
    this.sortOrder(participants);
    for (let k = 0; k < participants && leftover > 0; k++) {
      base[order[k]] += 1;
      leftover -= 1;
    }
  }

  /**
   * Sorts the first `count` positions of `order` by `byFraction`. A level rarely has more than a
   * few dozen offers: an insertion sort then allocates nothing, where `Array.prototype.sort`
   * takes a work array each call. Both are stable, as positions are unique anyway.
   */
  private sortOrder(count: number): void {
    const order = this.order;
    if (count > 64) {
      const sorted = Array.from(order.subarray(0, count)).sort(this.byFraction);
      order.set(sorted);
      return;
    }
    for (let i = 1; i < count; i++) {
      const position = order[i];
      let j = i - 1;
      while (j >= 0 && this.byFraction(order[j], position) > 0) {
        order[j + 1] = order[j];
        j -= 1;
      }
      order[j + 1] = position;
    }
  }
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
