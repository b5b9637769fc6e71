import { Injectable } from '@nestjs/common';
import type { EventEnvelope, OfferPublishedV1 } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { restingOfferFrom } from '../../domain/offer-book/resting-offer';
import { RestingOfferOrmEntity } from '../../infrastructure/persistence/resting-offer.orm-entity';

/**
 * Puts a published offer in the book. A plain insert, on purpose: the inbox guarantees one
 * application per event, and a second one would fail loudly on the primary key.
 */
@Injectable()
export class RecordPublishedOfferHandler {
  async execute(event: EventEnvelope<OfferPublishedV1>, manager: EntityManager): Promise<void> {
    const offer = restingOfferFrom(event.data);
    await manager.insert(RestingOfferOrmEntity, {
      ...offer,
      offeredAmount: String(offer.offeredAmount),
      remainingAmount: String(offer.remainingAmount),
      unitPriceIdr: String(offer.unitPriceIdr),
      sourceEventId: event.id,
    });
  }
}
