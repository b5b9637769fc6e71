import { Injectable } from '@nestjs/common';
import { AppError } from '@simpul/platform';
import { DataSource } from 'typeorm';
import type { SupplyOffer } from '../../domain/offer/supply-offer';
import { toDomain } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';

export interface OfferFilter {
  commodity?: string;
  status?: string;
  producerId?: string;
  availableAt?: Date;
  limit: number;
  cursor?: string;
}

export interface OfferPage {
  items: SupplyOffer[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

interface CursorPosition {
  publishedAt: string;
  id: string;
}

const encodeCursor = (position: CursorPosition) =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

function decodeCursor(cursor: string): CursorPosition {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as CursorPosition;
    if (typeof position.id === 'string' && !Number.isNaN(Date.parse(position.publishedAt)))
      return position;
  } catch {
    // fall through to the error below
  }
  throw new AppError(CATALOG_ERRORS.cursorInvalid, 'cursor is not one this API returned', 400);
}

/** Newest first, with keyset pagination: pages stay stable while offers are being published. */
@Injectable()
export class ListOffersQuery {
  constructor(private readonly dataSource: DataSource) {}

  async execute(filter: OfferFilter): Promise<OfferPage> {
    const query = this.dataSource.manager.createQueryBuilder(SupplyOfferOrmEntity, 'offer');
    if (filter.commodity)
      query.andWhere('offer.commodity_code = :commodity', { commodity: filter.commodity });
    if (filter.status) query.andWhere('offer.status = :status', { status: filter.status });
    else query.andWhere("offer.status <> 'draft'");
    if (filter.producerId)
      query.andWhere('offer.producer_id = :producerId', { producerId: filter.producerId });
    if (filter.availableAt) {
      query.andWhere('offer.available_from <= :at AND offer.available_until > :at', {
        at: filter.availableAt,
      });
    }
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      query.andWhere('(offer.published_at, offer.id) < (:publishedAt, :id)', {
        publishedAt: new Date(position.publishedAt),
        id: position.id,
      });
    }
    const rows = await query
      .orderBy('offer.published_at', 'DESC')
      .addOrderBy('offer.id', 'DESC')
      .take(filter.limit + 1)
      .getMany();
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toDomain),
      nextCursor:
        rows.length > filter.limit && last
          ? encodeCursor({ publishedAt: last.publishedAt.toISOString(), id: last.id })
          : null,
    };
  }
}
