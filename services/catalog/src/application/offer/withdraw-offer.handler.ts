import { Injectable } from '@nestjs/common';
import { createEnvelope, OfferWithdrawn } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import type { Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { OfferRuleViolation, type SupplyOffer, withdraw } from '../../domain/offer/supply-offer';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { lockOfferFor, offerRuleError } from './offer-access';

/** Withdraws an open offer: by its own producer or a BTC operator, with `catalog.offer.withdrawn`. */
@Injectable()
export class WithdrawOfferHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, reason: string | null, actor: Principal): Promise<SupplyOffer> {
    return this.dataSource.transaction(async (manager) => {
      const current = await lockOfferFor(manager, id, actor, 'withdraw');
      let next: SupplyOffer;
      try {
        next = withdraw(current);
      } catch (error) {
        if (error instanceof OfferRuleViolation) throw offerRuleError(error);
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
