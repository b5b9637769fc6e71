import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { type EventEnvelope, OfferPublished, type OfferPublishedV1 } from '@simpul/contracts';
import { KafkaEventContext } from '@simpul/messaging';
import { RecordPublishedOfferHandler } from '../../application/offer-book/record-published-offer.handler';

/** catalog.offers.v1 → the offer book. Runs inside the inbox transaction of each event. */
@Controller()
export class OfferEventsConsumer {
  constructor(private readonly recordPublishedOffer: RecordPublishedOfferHandler) {}

  @EventPattern<string>(OfferPublished.type)
  async onOfferPublished(
    @Payload() event: EventEnvelope<OfferPublishedV1>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.recordPublishedOffer.execute(event, context.getManager());
  }
}
