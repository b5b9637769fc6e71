import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { type EventEnvelope, OfferPublished, type OfferPublishedV1 } from '@simpul/contracts';
import { KafkaEventContext } from '@simpul/messaging';
import { RecordPublishedOffersHandler } from '../../application/offer-book/record-published-offers.handler';

/** catalog.offers.v1 → the offer book, inside the inbox transaction of the events. */
@Controller()
export class OfferEventsConsumer {
  constructor(private readonly recordPublishedOffers: RecordPublishedOffersHandler) {}

  // batch: consecutive offers arrive as one array and go into the book with one insert.
  @EventPattern<string>(OfferPublished.type, { batch: true })
  async onOffersPublished(
    @Payload() events: EventEnvelope<OfferPublishedV1>[],
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.recordPublishedOffers.execute(events, context.getManager());
  }
}
