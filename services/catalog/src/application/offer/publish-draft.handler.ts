import { Injectable } from '@nestjs/common';
import { appendToOutbox } from '@simpul/persistence';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import {
  OfferRuleViolation,
  publishDraft,
  type SupplyOffer,
} from '../../domain/offer/supply-offer';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';
import { lockOfferFor, offerRuleError } from './offer-access';
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
      const current = await lockOfferFor(manager, id, actor, 'publish');
      const producer = await this.producers.require(current.producerId, manager, 'read');
      if (producer.status !== 'active') {
        throw new AppError(
          CATALOG_ERRORS.producerNotActive,
          `producer ${producer.id} is not active and may not publish offers`,
          409,
        );
      }
      let offer: SupplyOffer;
      try {
        offer = publishDraft(current, new Date());
      } catch (error) {
        if (error instanceof OfferRuleViolation) throw offerRuleError(error);
        throw error;
      }
      await manager.update(
        SupplyOfferOrmEntity,
        { id },
        { status: offer.status, publishedAt: offer.publishedAt },
      );
      await appendToOutbox(manager, [offerPublishedRecord(offer, producer)]);
      return offer;
    });
  }
}
