import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OfferTerms } from '../../domain/matching/matching-inputs';
import { fromQty } from '../../domain/matching/quantity';

export interface OfferBookEntry {
  offerId: string;
  producerId: string;
  commodityCode: string;
  unit: string;
  offeredAmount: number;
  allocatedAmount: number;
  remainingAmount: number;
  unitPriceIdr: number;
  grade: string;
  availableFrom: string;
  availableUntil: string;
}

/** The matching engine's book of one commodity: open offers, cheapest first, as it last saw them. */
@Injectable()
export class ListOfferBookQuery {
  constructor(private readonly dataSource: DataSource) {}

  async execute(commodityCode: string, limit: number): Promise<OfferBookEntry[]> {
    const rows = (await this.dataSource.query(
      `SELECT terms, allocated, remaining FROM book_offers
       WHERE commodity_code = $1 AND closed_reason IS NULL AND remaining > 0
       ORDER BY (terms->>'unitPriceIdr')::bigint, seq LIMIT $2`,
      [commodityCode, limit],
    )) as { terms: OfferTerms; allocated: string; remaining: string }[];
    return rows.map(({ terms, allocated, remaining }) => ({
      offerId: terms.offerId,
      producerId: terms.producerId,
      commodityCode: terms.commodityCode,
      unit: terms.unit,
      offeredAmount: fromQty(terms.quantity),
      allocatedAmount: fromQty(Number(allocated)),
      remainingAmount: fromQty(Number(remaining)),
      unitPriceIdr: terms.unitPriceIdr,
      grade: terms.grade,
      availableFrom: new Date(terms.availableFrom).toISOString(),
      availableUntil: new Date(terms.availableUntil).toISOString(),
    }));
  }
}
