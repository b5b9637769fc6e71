import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import type { ReferencePrice } from '../../domain/monitoring/pricing-types';
import { referencePricesOf } from '../../infrastructure/persistence/series.repository';
import { CeilingPublisher, lockCeilings } from '../ceilings/ceiling-publisher';

export type NewReferencePrice = Omit<ReferencePrice, 'effectiveUntil'>;

/**
 * Regulations change: a new value for a commodity, kind, level and zone closes the one in force
 * at its effective date (history is kept), and the ceiling follows from that date.
 */
@Injectable()
export class ReferencePricesHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ceilings: CeilingPublisher,
  ) {}

  async list(commodityCode: string): Promise<ReferencePrice[]> {
    return referencePricesOf(this.dataSource.manager, commodityCode);
  }

  async add(price: NewReferencePrice, actor: Principal): Promise<ReferencePrice[]> {
    await this.dataSource.transaction(async (manager) => {
      await lockCeilings(manager);
      const from = new Date(price.effectiveFrom);
      const [later] = await manager.query(
        `SELECT effective_from FROM reference_prices WHERE commodity_code = $1 AND kind = $2 AND level = $3 AND zone = $4
         AND effective_from >= $5 ORDER BY effective_from LIMIT 1`,
        [price.commodityCode, price.kind, price.level, price.zone, from],
      );
      if (later) {
        throw new AppError(
          'PRICING_REFERENCE_NOT_LATEST',
          `a value effective from ${new Date(later.effective_from).toISOString()} already exists; add values in date order`,
          409,
        );
      }
      await manager.query(
        `UPDATE reference_prices SET effective_until = $5 WHERE commodity_code = $1 AND kind = $2 AND level = $3 AND zone = $4
         AND (effective_until IS NULL OR effective_until > $5)`,
        [price.commodityCode, price.kind, price.level, price.zone, from],
      );
      await manager.query(
        `INSERT INTO reference_prices (commodity_code, kind, level, zone, min_idr, max_idr, unit, effective_from, regulation, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          price.commodityCode,
          price.kind,
          price.level,
          price.zone,
          price.minIdr,
          price.maxIdr,
          price.unit,
          from,
          price.regulation,
          actor.subject,
        ],
      );
      await this.ceilings.publishChanges(manager, Date.now(), actor.subject);
    });
    return this.list(price.commodityCode);
  }
}
