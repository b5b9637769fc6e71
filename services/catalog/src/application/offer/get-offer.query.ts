import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import type { SupplyOffer } from '../../domain/offer/supply-offer';
import { toDomain } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';

@Injectable()
export class GetOfferQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** A draft exists only for its producer and the hub's operators; for everyone else it is not found. */
  async execute(id: string, actor: Principal): Promise<SupplyOffer> {
    const row = await this.dataSource.manager.findOneBy(SupplyOfferOrmEntity, { id });
    const hub = actor.role === 'btc-operator' || actor.role === 'platform-admin';
    const hidden = row?.status === 'draft' && !hub && actor.tenantId !== row.producerId;
    if (!row || hidden) throw new AppError(CATALOG_ERRORS.offerNotFound, `no offer ${id}`, 404);
    return toDomain(row);
  }
}
