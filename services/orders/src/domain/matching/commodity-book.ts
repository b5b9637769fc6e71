import type { Instant, OfferTerms, RequestTerms } from './matching-inputs';
import type { RequestStatus, UnfilledReason } from './matching-outcomes';
import { OfferCodes } from './offer-codes';
import { PriceLevel, levelPosition } from './price-level';
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
 * One commodity's resting offers (indexed by price level, cheapest first, each level in arrival
 * order) and open requests (in arrival order). Terminal requests and spent offers leave the book.
 */
export class CommodityBook {
  readonly offers = new Map<string, BookOffer>();
  readonly requests = new Map<string, BookRequest>();
  /** Price levels with stock, cheapest first: the engine walks them from the cheapest. */
  readonly levels: PriceLevel[] = [];
  nextSeq: number;
  clock: Instant;
  ceilingIdr: number | null;
  ceilingReference: string | null;
  /** No open request expires before this instant (a lower bound, so the clock check is cheap). */
  expiryHint = Number.POSITIVE_INFINITY;
  readonly dirtyOffers = new Set<BookOffer>();
  readonly dirtyRequests = new Set<BookRequest>();
  /** Units and certificates as numbers, for the levels' rows. */
  readonly codes = new OfferCodes();
  /** The level each indexed offer sits in, so that it is found without a scan. */
  private readonly levelOf = new Map<BookOffer, PriceLevel>();
  private readonly levelAt = new Map<number, PriceLevel>();
  /**
   * The levels flattened for `byPrice`, rebuilt only when read after a change. The engine walks
   * the levels and never reads it; keeping it in step (splices into one sorted array) cost more
   * than anything else the book did.
   */
  private flattened: BookOffer[] = [];
  private flattenedStale = false;

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

  /** Open offers by (price, seq), as one array: for readers of the whole book (tests, bench). */
  get byPrice(): BookOffer[] {
    if (this.flattenedStale) {
      this.flattened = flatten(this.levels);
      this.flattenedStale = false;
    }
    return this.flattened;
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

  /**
   * Re-sorts an offer whose price changed, or drops it from the index once it is spent; an
   * offer that stays where it was has its row rewritten, as its terms or stock may have changed.
   */
  reindex(offer: BookOffer): void {
    const indexed = offer.remaining > 0 && this.offers.has(offer.terms.offerId);
    const level = this.levelOf.get(offer);
    if (indexed && level !== undefined && level.price === offer.terms.unitPriceIdr) {
      level.refresh(offer, this.codes);
      return;
    }
    this.unindex(offer);
    if (indexed) this.index(offer);
  }

  /**
   * After an allocation from an indexed offer: its price did not change, so it leaves its level
   * only when spent (what `reindex` would do, without rewriting the whole row).
   */
  allocatedFrom(offer: BookOffer): void {
    if (offer.remaining === 0) this.unindex(offer);
    else this.levelOf.get(offer)?.refreshRemaining(offer);
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
    let level = this.levelAt.get(price);
    if (level === undefined) {
      level = new PriceLevel(price);
      this.levelAt.set(price, level);
      this.levels.splice(levelPosition(this.levels, price), 0, level);
    }
    level.add(offer, this.codes);
    this.levelOf.set(offer, level);
    this.flattenedStale = true;
  }

  private unindex(offer: BookOffer): void {
    const level = this.levelOf.get(offer);
    if (level === undefined) return;
    this.levelOf.delete(offer);
    level.remove(offer);
    if (level.offers.length === 0) {
      this.levelAt.delete(level.price);
      this.levels.splice(levelPosition(this.levels, level.price), 1);
    }
    this.flattenedStale = true;
  }
}

/** The levels' offers in one array; `concat` copies natively, in chunks of arguments. */
function flatten(levels: readonly PriceLevel[]): BookOffer[] {
  let flat: BookOffer[] = [];
  for (let at = 0; at < levels.length; at += 4096) {
    flat = flat.concat(...levels.slice(at, at + 4096).map((level) => level.offers));
  }
  return flat;
}
