import { Injectable } from '@nestjs/common';
import { AppError } from '@simpul/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { Commodity } from '../../domain/commodity/commodity';
import {
  commodityToDomain,
  commodityToOrm,
} from '../../infrastructure/persistence/commodity.mapper';
import { CommodityOrmEntity } from '../../infrastructure/persistence/commodity.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';

const UNIQUE_VIOLATION = '23505';

/** Reads and adds commodities of the reference list. */
@Injectable()
export class CommodityCatalog {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<Commodity[]> {
    const rows = await this.dataSource.manager.find(CommodityOrmEntity, { order: { code: 'ASC' } });
    return rows.map(commodityToDomain);
  }

  /** The commodity an offer names, or a 400 that says it is not on the list. */
  async require(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Commodity> {
    const row = await manager.findOneBy(CommodityOrmEntity, { code });
    if (!row)
      throw new AppError(
        CATALOG_ERRORS.unknownCommodity,
        `no commodity ${code} on the reference list`,
        400,
      );
    return commodityToDomain(row);
  }

  async add(commodity: Commodity): Promise<Commodity> {
    try {
      await this.dataSource.manager.insert(CommodityOrmEntity, commodityToOrm(commodity));
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new AppError(
          CATALOG_ERRORS.commodityExists,
          `commodity ${commodity.code} already exists`,
          409,
        );
      }
      throw error;
    }
    return commodity;
  }
}
