import { Injectable } from '@nestjs/common';
import type { EventEnvelope, OfferPublishedV1 } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { restingOfferFrom } from '../../domain/offer-book/resting-offer';
import { RestingOfferOrmEntity } from '../../infrastructure/persistence/resting-offer.orm-entity';

/**
 * Puts published offers in the book. A plain insert, on purpose: the inbox guarantees one
 * application per event, and a second one would fail loudly on the primary key.
 */
@Injectable()
export class RecordPublishedOffersHandler {
  async execute(
    events: readonly EventEnvelope<OfferPublishedV1>[],
    manager: EntityManager,
  ): Promise<void> {
    if (events.length === 0) return;
    await manager.insert(
      RestingOfferOrmEntity,
      events.map((event) => {
        const offer = restingOfferFrom(event.data);
        return {
          ...offer,
          offeredAmount: String(offer.offeredAmount),
          remainingAmount: String(offer.remainingAmount),
          unitPriceIdr: String(offer.unitPriceIdr),
          sourceEventId: event.id,
        };
      }),
    );
  }
}
