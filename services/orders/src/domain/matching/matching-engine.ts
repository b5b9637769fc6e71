import type { BookOffer, BookRequest, CommodityBook } from './commodity-book';
import { rejectionCodeOf } from './eligibility';
import { FillPlan, planFill } from './fill-plan';
import type {
  AllocationToRelease,
  MatchingContext,
  MatchingInput,
  OfferTerms,
  RequestTerms,
} from './matching-inputs';
import type { AllocationLine, MatchingOutcome } from './matching-outcomes';
import { unfilledReasons } from './unfilled-reasons';

/**
 * The matching engine of one commodity's book: pure and deterministic. It applies inputs in the
 * order given, reads time only from the context, and takes ids from `nextId`, so the same input
 * sequence always gives the same book and the same outcomes. It is the only writer of
 * allocations and never takes more than an offer holds or a request asks for.
 */
export class MatchingEngine {
  private out: MatchingOutcome[] = [];
  private context!: MatchingContext;
  /** Offers drawn below their minimum order: a waiting smaller request may now take the rest. */
  private drawnBelowMinimum: BookOffer[] = [];
  /** Reused for every request served: plans are made for almost every input. */
  private readonly plan = new FillPlan();

  constructor(readonly book: CommodityBook) {}

  apply(input: MatchingInput, context: MatchingContext): MatchingOutcome[] {
    this.out = [];
    this.drawnBelowMinimum.length = 0;
    this.context = context;
    this.advanceClock(context.now);
    switch (input.kind) {
      case 'offer-updated':
        this.upsertOffer(input.offer);
        break;
      case 'offer-closed':
        this.closeOffer(input.offerId, input.reason);
        break;
      case 'request-submitted':
        this.submit(input.request);
        break;
      case 'request-cancelled':
        this.cancel(input.requestId);
        break;
      case 'allocations-released':
        this.release(input.allocations, input.reason);
        break;
      case 'ceiling-set':
        this.setCeiling(input.unitPriceIdr, input.reference);
        break;
      case 'clock-ticked':
        break;
    }
    this.serveRemaindersBelowMinimum();
    return this.out;
  }

  /** Time only moves forward; requests whose expiry has come leave the book. */
  private advanceClock(now: number): void {
    const book = this.book;
    if (now > book.clock) book.clock = now;
    if (book.clock < book.expiryHint) return;
    book.expiryHint = Number.POSITIVE_INFINITY;
    for (const request of book.openRequests()) {
      if (request.terms.expiresAt <= book.clock) this.finish(request, 'expired');
      else if (request.terms.expiresAt < book.expiryHint) book.expiryHint = request.terms.expiresAt;
    }
  }

  private upsertOffer(terms: OfferTerms): void {
    const existing = this.book.offers.get(terms.offerId);
    const offer: BookOffer = existing ?? {
      terms,
      allocated: 0,
      remaining: 0,
      seq: this.book.takeSeq(),
      closedReason: null,
    };
    offer.terms = terms;
    offer.remaining = Math.max(0, terms.quantity - offer.allocated);
    if (existing) this.book.reindex(offer);
    else this.book.addOffer(offer);
    this.book.touchOffer(offer);
    this.serveOpenRequests(offer);
  }

  private closeOffer(offerId: string, reason: string): void {
    const offer = this.book.offers.get(offerId);
    if (!offer) return this.ignore(`offer ${offerId} is not in the book`);
    offer.closedReason = reason;
    this.book.removeOffer(offer);
    this.book.touchOffer(offer);
  }

  private submit(terms: RequestTerms): void {
    if (this.book.requests.has(terms.requestId)) {
      return this.ignore(`request ${terms.requestId} is already in the book`);
    }
    const request: BookRequest = {
      terms,
      filled: 0,
      status: 'open',
      seq: this.book.takeSeq(),
      unfilledReasons: [],
    };
    this.book.addRequest(request);
    this.book.touchRequest(request);
    if (terms.expiresAt <= this.book.clock) return this.finish(request, 'expired');
    this.match(request);
    this.report(request, true);
  }

  private cancel(requestId: string): void {
    const request = this.book.requests.get(requestId);
    if (!request) return this.ignore(`request ${requestId} is not open`);
    this.finish(request, 'cancelled');
  }

  private release(allocations: readonly AllocationToRelease[], reason: string): void {
    const freed: BookOffer[] = [];
    for (const allocation of allocations) {
      const offer = this.book.offers.get(allocation.offerId);
      const quantity = offer ? Math.min(allocation.quantity, offer.allocated) : 0;
      if (offer && quantity > 0) {
        offer.allocated -= quantity;
        offer.remaining = Math.max(0, offer.terms.quantity - offer.allocated);
        this.book.reindex(offer);
        this.book.touchOffer(offer);
        freed.push(offer);
      }
      const { allocationId, offerId } = allocation;
      this.out.push({ kind: 'allocation-released', allocationId, offerId, quantity, reason });
    }
    for (const offer of freed) this.serveOpenRequests(offer);
  }

  private setCeiling(unitPriceIdr: number | null, reference: string): void {
    const previous = this.book.ceilingIdr;
    this.book.ceilingIdr = unitPriceIdr;
    this.book.ceilingReference = reference;
    const loosened = unitPriceIdr === null || (previous !== null && unitPriceIdr > previous);
    if (loosened) this.serveOpenRequests(null);
  }

  /** New or freed supply: open requests get it in arrival order. */
  private serveOpenRequests(offer: BookOffer | null): void {
    if (offer && offer.remaining === 0) return;
    // The book's own map, not a copy: serving a request removes at most that request from it.
    for (const request of this.book.requests.values()) {
      if (request.status !== 'open' && request.status !== 'partially_matched') continue;
      const need = request.terms.quantity - request.filled;
      const { ceilingIdr, clock } = this.book;
      if (offer && rejectionCodeOf(offer, request.terms, ceilingIdr, need, clock) !== null) {
        continue;
      }
      if (this.match(request)) this.report(request, false);
      if (offer && offer.remaining === 0) return;
    }
  }

  /**
   * A minimum order does not bind an offer's last remainder, so an offer drawn below its minimum
   * may now serve a waiting request that was too small for it.
   */
  private serveRemaindersBelowMinimum(): void {
    while (this.drawnBelowMinimum.length > 0) {
      this.serveOpenRequests(this.drawnBelowMinimum.shift() as BookOffer);
    }
  }

  /** Allocates what the plan gives, or nothing when a partial fill would be refused. */
  private match(request: BookRequest): boolean {
    const plan = this.plan;
    planFill(this.book, request, plan);
    const planned = plan.total;
    const need = request.terms.quantity - request.filled;
    if (planned === 0 || (planned < need && !request.terms.allowPartial)) {
      request.unfilledReasons = unfilledReasons(this.book, request, planned);
      return false;
    }
    const orderId = this.context.nextId();
    const lines = this.allocate(plan);
    request.filled += planned;
    request.status = request.filled === request.terms.quantity ? 'matched' : 'partially_matched';
    request.unfilledReasons =
      request.status === 'matched' ? [] : unfilledReasons(this.book, request, 0);
    const terms = request.terms;
    this.out.push({
      kind: 'order-confirmed',
      orderId,
      requestId: terms.requestId,
      buyerId: terms.buyerId,
      commodityCode: terms.commodityCode,
      unit: terms.unit,
      destinationCode: terms.destinationCode,
      deliverBy: terms.deliverBy,
      minShelfLifeHoursOnArrival: terms.minShelfLifeHoursOnArrival,
      lines,
    });
    if (request.status === 'matched') this.book.requests.delete(terms.requestId);
    this.book.touchRequest(request);
    return true;
  }

  /** Takes every planned line from its offer, in plan order (allocation ids follow it). */
  private allocate(plan: FillPlan): AllocationLine[] {
    const lines: AllocationLine[] = [];
    for (let i = 0; i < plan.length; i++) {
      const offer = plan.offers[i];
      const quantity = plan.quantities[i];
      offer.allocated += quantity;
      offer.remaining -= quantity;
      if (offer.remaining > 0 && offer.remaining < offer.terms.minOrderQuantity) {
        this.drawnBelowMinimum.push(offer);
      }
      this.book.allocatedFrom(offer);
      this.book.touchOffer(offer);
      const terms = offer.terms;
      lines.push({
        allocationId: this.context.nextId(),
        offerId: terms.offerId,
        producerId: terms.producerId,
        quantity,
        unitPriceIdr: terms.unitPriceIdr,
        availableFrom: terms.availableFrom,
        bestBefore: terms.bestBefore,
        explanation: plan.explanations[i],
      });
    }
    return lines;
  }

  private finish(request: BookRequest, status: 'cancelled' | 'expired'): void {
    request.status = status;
    this.book.requests.delete(request.terms.requestId);
    this.book.touchRequest(request);
    this.report(request, false);
  }

  private report(request: BookRequest, withReasons: boolean): void {
    const terms = request.terms;
    this.out.push({
      kind: 'request-progressed',
      requestId: terms.requestId,
      buyerId: terms.buyerId,
      unit: terms.unit,
      status: request.status,
      filled: request.filled,
      open:
        request.status === 'open' || request.status === 'partially_matched'
          ? terms.quantity - request.filled
          : 0,
      unfilledReasons: withReasons || request.status !== 'matched' ? request.unfilledReasons : [],
    });
  }

  private ignore(reason: string): void {
    this.out.push({ kind: 'input-ignored', reason });
  }
}
