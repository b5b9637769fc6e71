import { Injectable } from '@nestjs/common';
import { appendToOutbox } from '@simpul/persistence';
import { AppError, AUTH_ERROR_CODES, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import {
  OfferRuleViolation,
  publishDraft,
  type SupplyOffer,
} from '../../domain/offer/supply-offer';
import { toDomain } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';
import { ProducerRegistry } from '../producer/producer-registry';
import { offerPublishedRecord } from './offer-events';

/** Puts a draft on the hub (its own producer, while active, or a BTC operator), with `catalog.offer.published`. */
@Injectable()
export class PublishDraftHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producers: ProducerRegistry,
  ) {}

  async execute(id: string, actor: Principal): Promise<SupplyOffer> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(SupplyOfferOrmEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new AppError(CATALOG_ERRORS.offerNotFound, `no offer ${id}`, 404);
      if (actor.role === 'producer' && actor.tenantId !== row.producerId) {
        throw new AppError(
          AUTH_ERROR_CODES.forbidden,
          'a producer may publish only its own drafts',
          403,
        );
      }
      const producer = await this.producers.require(row.producerId, manager, 'read');
      if (producer.status !== 'active') {
        throw new AppError(
          CATALOG_ERRORS.producerNotActive,
          `producer ${producer.id} is not active and may not publish offers`,
          409,
        );
      }
      let offer: SupplyOffer;
      try {
        offer = publishDraft(toDomain(row), new Date());
      } catch (error) {
        if (error instanceof OfferRuleViolation) {
          throw new AppError(
            `${CATALOG_ERRORS.offerRulePrefix}${error.rule}`,
            error.message,
            error.rule === 'NOT_DRAFT' ? 409 : 400,
          );
        }
        throw error;
      }
      await manager.update(
        SupplyOfferOrmEntity,
        { id },
        { status: offer.status, publishedAt: offer.publishedAt },
      );
      await appendToOutbox(manager, [offerPublishedRecord(offer)]);
      return offer;
    });
  }
}
