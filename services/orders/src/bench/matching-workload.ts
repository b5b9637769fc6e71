import { CommodityBook } from '../domain/matching/commodity-book';
import { MatchingEngine } from '../domain/matching/matching-engine';
import type {
  AllocationToRelease,
  Instant,
  MatchingContext,
  MatchingInput,
  OfferTerms,
  RequestTerms,
} from '../domain/matching/matching-inputs';
import type { MatchingOutcome } from '../domain/matching/matching-outcomes';
import { type Qty, toQty } from '../domain/matching/quantity';
import { Pool } from './random-pool';
import { mulberry32 } from '@simpul/platform';

/*
 * The matching benchmark's workload: one engine per commodity, a book of resting offers, and a
 * seeded stream of the inputs the engine sees in production, so that a seed names one exact run.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PRICE_STEP = 250;

export const OPERATION_KINDS = [
  'request',
  'unfillable request',
  'cancel request',
  'change offer',
  'new offer',
  'close offer',
  'release allocations',
  'ceiling',
  'clock tick',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** Relative weights of the operation mix. */
const MIX: Record<OperationKind, number> = {
  request: 36,
  'unfillable request': 4,
  'cancel request': 5,
  'change offer': 15,
  'new offer': 11,
  'close offer': 11,
  'release allocations': 10,
  ceiling: 1,
  'clock tick': 7,
};

/** One commodity: its engine and what the driver knows of it to choose the next operation. */
export interface Market {
  code: string;
  engine: MatchingEngine;
  basePrice: number;
  offers: Pool<string>;
  waiting: Pool<string>;
  /** Recent orders, each with its allocation lines, for releases. */
  orders: Pool<ConfirmedOrder>;
}

interface ConfirmedOrder {
  orderId: string;
  allocations: AllocationToRelease[];
}

export interface Operation {
  kind: OperationKind;
  market: Market;
  input: MatchingInput;
}

/** Drives `commodities` engines from one seed; `next` gives the next operation to apply. */
export class MatchingWorkload {
  readonly markets: Market[];
  readonly random: () => number;
  clock: Instant = Date.parse('2026-09-01T00:00:00Z');
  private ids = 0;
  private restingTarget = 1;
  private readonly weights = OPERATION_KINDS.map((kind) => MIX[kind]);
  private readonly totalWeight = this.weights.reduce((a, b) => a + b, 0);
  readonly nextId = (): string => `b${++this.ids}`;

  constructor(seed: number, commodities: number) {
    this.random = mulberry32(seed);
    this.markets = Array.from({ length: commodities }, (_, i) => this.market(`C${i + 1}`));
  }

  private market(code: string): Market {
    return {
      code,
      engine: new MatchingEngine(CommodityBook.empty(code)),
      basePrice: 20_000 + this.int(0, 40) * 1_000,
      offers: new Pool<string>((id) => id),
      waiting: new Pool<string>((id) => id),
      orders: new Pool<ConfirmedOrder>((order) => order.orderId, 2_000),
    };
  }

  /** Rests `perCommodity` offers in every book, outside any measurement. */
  seed(perCommodity: number): void {
    this.restingTarget = perCommodity;
    for (const market of this.markets) {
      for (let i = 0; i < perCommodity; i++) {
        const input = this.newOffer(market);
        this.follow(market, market.engine.apply(input, this.context()));
      }
    }
  }

  /** The next operation; time moves on by up to a second per operation. */
  next(): Operation {
    this.clock += this.int(0, 1_000);
    const market = this.markets[this.int(0, this.markets.length - 1)];
    const intended = this.steadied(this.kind(), market);
    const input = this.inputFor(intended, market);
    return { kind: this.actualKind(intended, input, market), market, input };
  }

  /** When there was nothing to act on, an operation falls back to a tick or a new offer. */
  private actualKind(intended: OperationKind, input: MatchingInput, market: Market): OperationKind {
    if (input.kind === 'clock-ticked') return 'clock tick';
    if (input.kind !== 'offer-updated') return intended;
    return market.engine.book.offers.has(input.offer.offerId) ? 'change offer' : 'new offer';
  }

  context(): MatchingContext {
    return { now: this.clock, nextId: this.nextId };
  }

  /**
   * Keeps the driver's pools in step with what the engine did, and empties the book's change
   * sets as the repository does once it has saved them.
   */
  follow(market: Market, outcomes: readonly MatchingOutcome[]): void {
    market.engine.book.dirtyOffers.clear();
    market.engine.book.dirtyRequests.clear();
    for (const outcome of outcomes) {
      if (outcome.kind === 'order-confirmed') {
        const allocations = outcome.lines.map(({ allocationId, offerId, quantity }) => ({
          allocationId,
          offerId,
          quantity,
        }));
        market.orders.add({ orderId: outcome.orderId, allocations }, this.random);
      } else if (outcome.kind === 'request-progressed') {
        const live = outcome.status === 'open' || outcome.status === 'partially_matched';
        if (live) market.waiting.add(outcome.requestId, this.random);
        else market.waiting.remove(outcome.requestId);
      }
    }
  }

  private inputFor(kind: OperationKind, market: Market): MatchingInput {
    switch (kind) {
      case 'request':
        return this.request(market, true);
      case 'unfillable request':
        return this.request(market, false);
      case 'cancel request':
        return this.cancel(market);
      case 'change offer':
        return this.changeOffer(market);
      case 'new offer':
        return this.newOffer(market);
      case 'close offer':
        return this.closeOffer(market);
      case 'release allocations':
        return this.release(market);
      case 'ceiling':
        return this.ceiling(market);
      case 'clock tick':
        return { kind: 'clock-ticked' };
    }
  }

  private newOffer(market: Market): MatchingInput {
    const availableFrom = this.clock + this.int(-48, 24) * HOUR;
    const offer: OfferTerms = {
      offerId: this.nextId(),
      producerId: `umkm-${this.int(1, 400)}`,
      commodityCode: market.code,
      unit: 'kg',
      grade: ['A', 'B', 'C'][this.int(0, 2)],
      gradeRank: this.int(0, 2),
      unitPriceIdr: market.basePrice + this.int(0, 16) * PRICE_STEP,
      quantity: toQty(this.int(100, 2_000) + (this.random() < 0.2 ? 0.5 : 0)),
      minOrderQuantity: this.random() < 0.8 ? 0 : toQty(this.int(10, 50)),
      availableFrom,
      availableUntil: this.clock + this.int(3, 10) * DAY,
      bestBefore: this.random() < 0.1 ? null : this.clock + this.int(5, 20) * DAY,
      certificates: this.random() < 0.5 ? ['halal'] : [],
    };
    market.offers.add(offer.offerId, this.random);
    return { kind: 'offer-updated', offer };
  }

  /** A buyer's request; an unfillable one bids below every offer or needs a missing certificate. */
  private request(market: Market, fillable: boolean): MatchingInput {
    const tradingUnit: Qty = toQty([1, 1, 1, 1, 1, 1, 1, 5, 5, 10][this.int(0, 9)]);
    const units = Math.max(1, Math.round(toQty(this.int(10, 300)) / tradingUnit));
    const lowBid = !fillable && this.random() < 0.7;
    const request: RequestTerms = {
      requestId: this.nextId(),
      buyerId: `bumd-${this.int(1, 12)}`,
      commodityCode: market.code,
      unit: 'kg',
      quantity: units * tradingUnit,
      tradingUnit,
      maxUnitPriceIdr: lowBid
        ? market.basePrice - PRICE_STEP
        : market.basePrice + this.int(4, 24) * PRICE_STEP,
      minGrade: 'B',
      minGradeRank: this.int(1, 2),
      destinationCode: `JKT-${this.int(1, 30)}`,
      transitHours: this.int(12, 30),
      deliverBy: this.clock + this.int(2, 5) * DAY,
      minShelfLifeHoursOnArrival: this.int(24, 72),
      requiredCertificates: fillable ? (this.random() < 0.1 ? ['halal'] : []) : ['organik'],
      allowPartial: this.random() < 0.85,
      expiresAt: this.clock + this.int(6, 36) * HOUR,
    };
    return { kind: 'request-submitted', request };
  }

  private cancel(market: Market): MatchingInput {
    const requestId = market.waiting.pick(this.random);
    if (requestId === undefined) return { kind: 'clock-ticked' };
    return { kind: 'request-cancelled', requestId, reason: 'buyer cancelled' };
  }

  /** A producer moves the price by a step, or the quantity by up to 300 kg either way. */
  private changeOffer(market: Market): MatchingInput {
    const offerId = market.offers.pick(this.random);
    const current = offerId === undefined ? undefined : market.engine.book.offers.get(offerId);
    if (!current) return this.newOffer(market);
    const terms = { ...current.terms };
    if (this.random() < 0.5) {
      const step = this.random() < 0.5 ? -PRICE_STEP : PRICE_STEP;
      terms.unitPriceIdr = Math.max(market.basePrice, terms.unitPriceIdr + step);
    } else {
      terms.quantity = Math.max(0, terms.quantity + toQty(this.int(-300, 300)));
    }
    return { kind: 'offer-updated', offer: terms };
  }

  private closeOffer(market: Market): MatchingInput {
    const offerId = market.offers.pick(this.random);
    if (offerId === undefined) return this.newOffer(market);
    market.offers.remove(offerId);
    return { kind: 'offer-closed', offerId, reason: 'withdrawn' };
  }

  /** A recent order cancelled or its shipment failed: all its allocations come back. */
  private release(market: Market): MatchingInput {
    const order = market.orders.pick(this.random);
    if (!order) return { kind: 'clock-ticked' };
    market.orders.remove(order.orderId);
    return {
      kind: 'allocations-released',
      allocations: order.allocations,
      reason: 'order cancelled',
    };
  }

  private ceiling(market: Market): MatchingInput {
    const unitPriceIdr =
      this.random() < 0.4 ? null : market.basePrice + this.int(6, 20) * PRICE_STEP;
    return { kind: 'ceiling-set', unitPriceIdr, reference: 'HET' };
  }

  /** New offers and closes keep each book near the size it was seeded with. */
  private steadied(kind: OperationKind, market: Market): OperationKind {
    if (kind !== 'new offer' && kind !== 'close offer') return kind;
    const short = (this.restingTarget - market.engine.book.byPrice.length) / this.restingTarget;
    return this.random() < 0.5 + short ? 'new offer' : 'close offer';
  }

  private kind(): OperationKind {
    let roll = this.random() * this.totalWeight;
    for (let i = 0; i < OPERATION_KINDS.length; i++) {
      roll -= this.weights[i];
      if (roll < 0) return OPERATION_KINDS[i];
    }
    return OPERATION_KINDS[OPERATION_KINDS.length - 1];
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
}
