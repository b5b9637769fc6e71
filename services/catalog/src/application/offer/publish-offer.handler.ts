import { Injectable } from '@nestjs/common';
import { appendToOutbox } from '@simpul/persistence';
import { AppError, AUTH_ERROR_CODES, type Principal } from '@simpul/platform';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import {
  OfferRuleViolation,
  publishOffer,
  type PublishOfferInput,
  type SupplyOffer,
} from '../../domain/offer/supply-offer';
import { toOrmEntity } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';
import { offerPublishedRecord } from './offer-events';
import { CommodityCatalog } from '../commodity/commodity.queries';
import { ProducerRegistry } from '../producer/producer-registry';
import { missingCertificates, type Producer } from '../../domain/producer/producer';
import { type Commodity, offerMismatch } from '../../domain/commodity/commodity';

export type PublishOfferCommand = Omit<PublishOfferInput, 'id' | 'shelfLifeDays'>;

/** Saves the offer and its `catalog.offer.published` event in one transaction (outbox). */
@Injectable()
export class PublishOfferHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commodities: CommodityCatalog,
    private readonly producers: ProducerRegistry,
  ) {}

  private checkProducer(producer: Producer, commodity: Commodity): void {
    if (producer.status !== 'active') {
      throw new AppError(
        CATALOG_ERRORS.producerNotActive,
        `producer ${producer.id} is ${producer.status.replace('_', ' ')} and may not publish offers`,
        409,
      );
    }
    const missing = missingCertificates(producer, commodity.requiredCertificates);
    if (missing.length) {
      throw new AppError(
        CATALOG_ERRORS.certificateMissing,
        `${commodity.code} needs ${missing.join(' and ')} certification`,
        422,
      );
    }
  }

  private checkFits(commodity: Commodity, offer: SupplyOffer): void {
    const mismatch = offerMismatch(commodity, offer.quantity.unit, offer.grade);
    if (!mismatch) return;
    const code =
      mismatch.rule === 'UNIT_MISMATCH' ? CATALOG_ERRORS.unitMismatch : CATALOG_ERRORS.gradeUnknown;
    throw new AppError(code, mismatch.message, 400);
  }

  /** With `draft`, the offer is saved unpublished and nothing is announced until it is published. */
  async execute(
    command: PublishOfferCommand,
    actor: Principal,
    draft = false,
  ): Promise<SupplyOffer> {
    if (actor.role === 'producer' && actor.tenantId !== command.producerId) {
      throw new AppError(
        AUTH_ERROR_CODES.forbidden,
        'a producer may publish offers only for itself',
        403,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const commodity = await this.commodities.require(command.commodityCode, manager);
      const offer = this.decide({ ...command, shelfLifeDays: commodity.shelfLifeDays }, draft);
      this.checkFits(commodity, offer);
      // A suspension waits for this publication to commit, or this publication sees the suspension.
      const producer = await this.producers.require(offer.producerId, manager, 'read');
      this.checkProducer(producer, commodity);
      await manager.insert(SupplyOfferOrmEntity, toOrmEntity(offer));
      if (!draft) await appendToOutbox(manager, [offerPublishedRecord(offer, producer)]);
      return offer;
    });
  }

  private decide(command: Omit<PublishOfferInput, 'id'>, draft: boolean): SupplyOffer {
    try {
      return publishOffer({ ...command, id: uuidv7() }, new Date(), draft);
    } catch (error) {
      if (error instanceof OfferRuleViolation) {
        throw new AppError(`${CATALOG_ERRORS.offerRulePrefix}${error.rule}`, error.message, 400);
      }
      throw error;
    }
  }
}
