import type { EntityManager } from 'typeorm';
import {
  type BookOffer,
  type BookRequest,
  CommodityBook,
} from '../../domain/matching/commodity-book';
import type { OfferTerms } from '../../domain/matching/matching-inputs';
import type { RequestStatus, UnfilledReason } from '../../domain/matching/matching-outcomes';
import { fromQty, toQty } from '../../domain/matching/quantity';
import type { MatchingRequestSubmittedV1 } from '@simpul/contracts';

interface BookRow {
  next_seq: string;
  clock: string;
  ceiling_idr: string | null;
  ceiling_reference: string | null;
}

/**
 * Loads and saves one commodity's book inside the caller's transaction. Loading locks the book
 * row, so two writers of one commodity (say, a zombie consumer after a rebalance) queue.
 */
export class MatchingBookRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly requestTerms: (data: MatchingRequestSubmittedV1) => BookRequest['terms'],
  ) {}

  async load(commodityCode: string): Promise<CommodityBook> {
    await this.manager.query(
      `INSERT INTO matching_books (commodity_code, next_seq, clock) VALUES ($1, 1, 0)
       ON CONFLICT (commodity_code) DO NOTHING`,
      [commodityCode],
    );
    const [book] = (await this.manager.query(
      'SELECT next_seq, clock, ceiling_idr, ceiling_reference FROM matching_books WHERE commodity_code = $1 FOR UPDATE',
      [commodityCode],
    )) as BookRow[];
    return new CommodityBook({
      commodityCode,
      nextSeq: Number(book.next_seq),
      clock: Number(book.clock),
      ceilingIdr: book.ceiling_idr === null ? null : Number(book.ceiling_idr),
      ceilingReference: book.ceiling_reference,
      offers: await this.loadOffers(commodityCode),
      requests: await this.loadRequests(commodityCode),
    });
  }

  private async loadOffers(commodityCode: string): Promise<BookOffer[]> {
    const rows = (await this.manager.query(
      `SELECT seq, terms, allocated, remaining FROM book_offers
       WHERE commodity_code = $1 AND closed_reason IS NULL ORDER BY seq`,
      [commodityCode],
    )) as { seq: string; terms: OfferTerms; allocated: string; remaining: string }[];
    return rows.map((row) => ({
      terms: row.terms,
      seq: Number(row.seq),
      allocated: Number(row.allocated),
      remaining: Number(row.remaining),
      closedReason: null,
    }));
  }

  private async loadRequests(commodityCode: string): Promise<BookRequest[]> {
    const rows = (await this.manager.query(
      `SELECT terms, filled, status, book_seq, unfilled_reasons FROM purchase_requests
       WHERE commodity_code = $1 AND status IN ('open', 'partially_matched') AND book_seq IS NOT NULL
       ORDER BY book_seq`,
      [commodityCode],
    )) as {
      terms: MatchingRequestSubmittedV1;
      filled: string;
      status: RequestStatus;
      book_seq: string;
      unfilled_reasons: UnfilledReason[];
    }[];
    return rows.map((row) => ({
      terms: this.requestTerms(row.terms),
      filled: toQty(Number(row.filled)),
      status: row.status,
      seq: Number(row.book_seq),
      unfilledReasons: row.unfilled_reasons,
    }));
  }

  /** Writes what the engine touched, in three statements whatever the number of rows. */
  async save(book: CommodityBook, commodityCode: string): Promise<void> {
    await this.manager.query(
      `UPDATE matching_books SET next_seq = $2, clock = $3, ceiling_idr = $4, ceiling_reference = $5
       WHERE commodity_code = $1`,
      [commodityCode, book.nextSeq, book.clock, book.ceilingIdr, book.ceilingReference],
    );
    await this.saveOffers([...book.dirtyOffers], commodityCode);
    await this.saveRequests([...book.dirtyRequests]);
    book.dirtyOffers.clear();
    book.dirtyRequests.clear();
  }

  private async saveOffers(offers: BookOffer[], commodityCode: string): Promise<void> {
    if (offers.length === 0) return;
    const rows = offers.map((offer) => ({
      offer_id: offer.terms.offerId,
      commodity_code: commodityCode,
      seq: offer.seq,
      terms: offer.terms,
      allocated: offer.allocated,
      remaining: offer.remaining,
      closed_reason: offer.closedReason,
    }));
    await this.manager.query(
      `INSERT INTO book_offers (offer_id, commodity_code, seq, terms, allocated, remaining, closed_reason)
       SELECT offer_id, commodity_code, seq, terms, allocated, remaining, closed_reason
       FROM jsonb_to_recordset($1::jsonb) AS x(offer_id uuid, commodity_code text, seq bigint, terms jsonb,
            allocated bigint, remaining bigint, closed_reason text)
       ON CONFLICT (offer_id) DO UPDATE SET terms = EXCLUDED.terms, allocated = EXCLUDED.allocated,
            remaining = EXCLUDED.remaining, closed_reason = EXCLUDED.closed_reason`,
      [JSON.stringify(rows)],
    );
  }

  private async saveRequests(requests: BookRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const rows = requests.map((request) => ({
      id: request.terms.requestId,
      status: request.status,
      filled: fromQty(request.filled),
      reasons: request.unfilledReasons,
      book_seq: request.seq,
    }));
    await this.manager.query(
      `UPDATE purchase_requests p SET status = x.status, filled = x.filled,
              unfilled_reasons = x.reasons, book_seq = x.book_seq, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, status text, filled numeric, reasons jsonb, book_seq bigint)
       WHERE p.id = x.id`,
      [JSON.stringify(rows)],
    );
  }
}
