import { Injectable } from '@nestjs/common';
import { createEnvelope, OfferWithdrawn } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError, AUTH_ERROR_CODES, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { OfferRuleViolation, type SupplyOffer, withdraw } from '../../domain/offer/supply-offer';
import { toDomain } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';

/** Withdraws an open offer: by its own producer or a BTC operator, with `catalog.offer.withdrawn`. */
@Injectable()
export class WithdrawOfferHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, reason: string | null, actor: Principal): Promise<SupplyOffer> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(SupplyOfferOrmEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new AppError(CATALOG_ERRORS.offerNotFound, `no offer ${id}`, 404);
      if (actor.role === 'producer' && actor.tenantId !== row.producerId) {
        throw new AppError(
          AUTH_ERROR_CODES.forbidden,
          'a producer may withdraw only its own offers',
          403,
        );
      }
      let next: SupplyOffer;
      try {
        next = withdraw(toDomain(row));
      } catch (error) {
        if (error instanceof OfferRuleViolation)
          throw new AppError(`${CATALOG_ERRORS.offerRulePrefix}${error.rule}`, error.message, 409);
        throw error;
      }
      await manager.update(SupplyOfferOrmEntity, { id }, { status: next.status });
      const envelope = createEnvelope(OfferWithdrawn, {
        source: 'catalog',
        subject: id,
        data: {
          offerId: id,
          commodityCode: next.commodityCode,
          ...(reason ? { reason } : {}),
          withdrawnBy: actor.subject,
          withdrawnAt: new Date().toISOString(),
        },
      });
      await appendToOutbox(manager, [toOutboxRecord(OfferWithdrawn, envelope)]);
      return next;
    });
  }
}
