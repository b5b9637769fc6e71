import type { Instant, OfferTerms, RequestTerms } from './matching-inputs';
import type { RequestStatus, UnfilledReason } from './matching-outcomes';
import type { Qty } from './quantity';

/** An offer resting in the book: its terms and what the engine has allocated from it. */
export interface BookOffer {
  terms: OfferTerms;
  allocated: Qty;
  remaining: Qty;
  /** Arrival order in this book: the tie-breaker wherever order matters. */
  seq: number;
  /** Set when the catalog withdrew or expired the offer; it then leaves the book. */
  closedReason: string | null;
}

export interface BookRequest {
  terms: RequestTerms;
  filled: Qty;
  status: RequestStatus;
  seq: number;
  unfilledReasons: UnfilledReason[];
}

/** The part of a book that is saved and loaded; the indexes are rebuilt from it. */
export interface CommodityBookSnapshot {
  commodityCode: string;
  nextSeq: number;
  clock: Instant;
  ceilingIdr: number | null;
  ceilingReference: string | null;
  offers: BookOffer[];
  requests: BookRequest[];
}

/**
 * One commodity's resting offers (indexed cheapest first, then by arrival) and open requests
 * (in arrival order). Terminal requests and spent offers leave the book.
 */
export class CommodityBook {
  readonly offers = new Map<string, BookOffer>();
  readonly requests = new Map<string, BookRequest>();
  /** Open offers by (price, seq): the engine walks price levels from the cheapest. */
  readonly byPrice: BookOffer[] = [];
  nextSeq: number;
  clock: Instant;
  ceilingIdr: number | null;
  ceilingReference: string | null;
  /** No open request expires before this instant (a lower bound, so the clock check is cheap). */
  expiryHint = Number.POSITIVE_INFINITY;
  readonly dirtyOffers = new Set<BookOffer>();
  readonly dirtyRequests = new Set<BookRequest>();
  /** The price each indexed offer is sorted under, so that it is found without a scan. */
  private readonly indexedPrice = new Map<BookOffer, number>();

  constructor(snapshot: CommodityBookSnapshot) {
    this.nextSeq = snapshot.nextSeq;
    this.clock = snapshot.clock;
    this.ceilingIdr = snapshot.ceilingIdr;
    this.ceilingReference = snapshot.ceilingReference;
    for (const offer of [...snapshot.offers].sort((a, b) => a.seq - b.seq)) this.addOffer(offer);
    for (const request of [...snapshot.requests].sort((a, b) => a.seq - b.seq)) {
      this.addRequest(request);
    }
  }

  addRequest(request: BookRequest): void {
    this.requests.set(request.terms.requestId, request);
    if (request.terms.expiresAt < this.expiryHint) this.expiryHint = request.terms.expiresAt;
  }

  static empty(commodityCode: string): CommodityBook {
    return new CommodityBook({
      commodityCode,
      nextSeq: 1,
      clock: 0,
      ceilingIdr: null,
      ceilingReference: null,
      offers: [],
      requests: [],
    });
  }

  takeSeq(): number {
    return this.nextSeq++;
  }

  addOffer(offer: BookOffer): void {
    this.offers.set(offer.terms.offerId, offer);
    if (offer.remaining > 0) this.index(offer);
  }

  /** Re-sorts an offer whose price changed, or drops it from the index once it is spent. */
  reindex(offer: BookOffer): void {
    const indexed = offer.remaining > 0 && this.offers.has(offer.terms.offerId);
    // Most calls follow an allocation that leaves the offer where it was: nothing to move.
    if (indexed && this.indexedPrice.get(offer) === offer.terms.unitPriceIdr) return;
    this.unindex(offer);
    if (indexed) this.index(offer);
  }

  removeOffer(offer: BookOffer): void {
    this.unindex(offer);
    this.offers.delete(offer.terms.offerId);
  }

  openRequests(): BookRequest[] {
    const open: BookRequest[] = [];
    for (const request of this.requests.values()) {
      if (request.status === 'open' || request.status === 'partially_matched') open.push(request);
    }
    return open;
  }

  touchOffer(offer: BookOffer): void {
    this.dirtyOffers.add(offer);
  }

  touchRequest(request: BookRequest): void {
    this.dirtyRequests.add(request);
  }

  private index(offer: BookOffer): void {
    const price = offer.terms.unitPriceIdr;
    this.byPrice.splice(this.position(price, offer.seq), 0, offer);
    this.indexedPrice.set(offer, price);
  }

  private unindex(offer: BookOffer): void {
    const price = this.indexedPrice.get(offer);
    if (price === undefined) return;
    this.indexedPrice.delete(offer);
    this.byPrice.splice(this.locate(offer, price), 1);
  }

  /** Where an indexed offer sits, found by the price it was sorted under, not its terms now. */
  private locate(offer: BookOffer, price: number): number {
    let low = 0;
    let high = this.byPrice.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.byPrice[mid];
      if (other === offer) return mid;
      const before =
        other.terms.unitPriceIdr < price ||
        (other.terms.unitPriceIdr === price && other.seq < offer.seq);
      if (before) low = mid + 1;
      else high = mid;
    }
    return this.byPrice.indexOf(offer);
  }

  /** Binary search for the first offer that does not sort before (price, seq). */
  private position(price: number, seq: number): number {
    let low = 0;
    let high = this.byPrice.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.byPrice[mid];
      const before =
        other.terms.unitPriceIdr < price || (other.terms.unitPriceIdr === price && other.seq < seq);
      if (before) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
