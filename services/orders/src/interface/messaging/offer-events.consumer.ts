import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CeilingSet,
  type CeilingSetV1,
  type EventEnvelope,
  OfferChanged,
  type OfferChangedV1,
  OfferExpired,
  OfferPublished,
  type OfferPublishedV1,
  OfferWithdrawn,
} from '@simpul/contracts';
import { KafkaEventContext } from '@simpul/messaging';
import { OfferIntakeHandler } from '../../application/intake/offer-intake.handler';

/** catalog.offers.v1 and pricing.ceilings.v1 → matching inputs, inside the inbox transaction. */
@Controller()
export class OfferEventsConsumer {
  constructor(private readonly intake: OfferIntakeHandler) {}

  @EventPattern<string>(OfferPublished.type, { batch: true })
  async onOffersPublished(
    @Payload() events: EventEnvelope<OfferPublishedV1>[],
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.intake.published(events, context.getManager());
  }

  @EventPattern<string>(OfferChanged.type)
  async onOfferChanged(
    @Payload() event: EventEnvelope<OfferChangedV1>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.intake.changed(event, context.getManager());
  }

  @EventPattern<string>(OfferWithdrawn.type)
  async onOfferWithdrawn(
    @Payload() event: EventEnvelope<{ offerId: string }>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.intake.closed(event, 'withdrawn', context.getManager());
  }

  @EventPattern<string>(OfferExpired.type)
  async onOfferExpired(
    @Payload() event: EventEnvelope<{ offerId: string }>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.intake.closed(event, 'expired', context.getManager());
  }

  @EventPattern<string>(CeilingSet.type)
  async onCeilingSet(
    @Payload() event: EventEnvelope<CeilingSetV1>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.intake.ceiling(event, context.getManager());
  }
}
