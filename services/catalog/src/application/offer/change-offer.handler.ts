import { Injectable } from '@nestjs/common';
import { createEnvelope, OfferChanged } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import {
  changeOffer,
  type OfferChange,
  OfferRuleViolation,
  type SupplyOffer,
} from '../../domain/offer/supply-offer';
import { toOrmEntity } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { lockOfferFor, offerRuleError } from './offer-access';

/** Changes an open offer (its own producer or a BTC operator), with `catalog.offer.changed`. */
@Injectable()
export class ChangeOfferHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, change: OfferChange, actor: Principal): Promise<SupplyOffer> {
    if (Object.values(change).every((value) => value === undefined)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'name at least one of quantityAmount, unitPriceIdr, availableUntil',
        400,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      // Locked: allocations applied concurrently see the new quantity, or this change sees them.
      const current = await lockOfferFor(manager, id, actor, 'change');
      let next: SupplyOffer;
      try {
        next = changeOffer(current, change, new Date());
      } catch (error) {
        if (error instanceof OfferRuleViolation) throw offerRuleError(error);
        throw error;
      }
      const { quantityAmount, remainingAmount, unitPriceIdr, availableUntil, status } =
        toOrmEntity(next);
      await manager.update(
        SupplyOfferOrmEntity,
        { id },
        { quantityAmount, remainingAmount, unitPriceIdr, availableUntil, status },
      );
      const envelope = createEnvelope(OfferChanged, {
        source: 'catalog',
        subject: id,
        data: {
          offerId: id,
          commodityCode: next.commodityCode,
          quantity: next.quantity,
          remaining: next.remaining,
          unitPriceIdr: next.unitPriceIdr,
          availableUntil: next.availableUntil.toISOString(),
          changedBy: actor.subject,
        },
      });
      // A draft's changes are nobody's business until it is published.
      if (next.status !== 'draft')
        await appendToOutbox(manager, [toOutboxRecord(OfferChanged, envelope)]);
      return next;
    });
  }
}
