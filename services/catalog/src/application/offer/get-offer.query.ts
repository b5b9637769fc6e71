import { Injectable } from '@nestjs/common';
import { AppError } from '@simpul/platform';
import { DataSource } from 'typeorm';
import type { SupplyOffer } from '../../domain/offer/supply-offer';
import { toDomain } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';

@Injectable()
export class GetOfferQuery {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string): Promise<SupplyOffer> {
    const row = await this.dataSource.manager.findOneBy(SupplyOfferOrmEntity, { id });
    if (!row) throw new AppError(CATALOG_ERRORS.offerNotFound, `no offer ${id}`, 404);
    return toDomain(row);
  }
}
