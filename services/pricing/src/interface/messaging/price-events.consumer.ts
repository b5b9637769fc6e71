import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  type EventEnvelope,
  MarketPricesObserved,
  type MarketPricesObservedV1,
  OfferChanged,
  type OfferChangedV1,
  OfferPublished,
  type OfferPublishedV1,
  OrderConfirmed,
  type OrderConfirmedV1,
} from '@simpul/contracts';
import { KafkaEventContext } from '@simpul/messaging';
import {
  fromMarketPrices,
  fromOfferChanged,
  fromOffersPublished,
  fromOrdersConfirmed,
} from '../../application/observations/observations-from-events';
import { ProjectObservationsHandler } from '../../application/observations/project-observations.handler';

/** Every price simpul sees → the price projection, inside the inbox transaction. */
@Controller()
export class PriceEventsConsumer {
  constructor(private readonly project: ProjectObservationsHandler) {}

  @EventPattern<string>(OfferPublished.type, { batch: true })
  async onOffers(
    @Payload() events: EventEnvelope<OfferPublishedV1>[],
    @Ctx() context: KafkaEventContext,
  ) {
    await this.project.executeEach(
      events.map((e) => fromOffersPublished([e])),
      context.getManager(),
    );
  }

  @EventPattern<string>(OfferChanged.type)
  async onOfferChanged(
    @Payload() event: EventEnvelope<OfferChangedV1>,
    @Ctx() context: KafkaEventContext,
  ) {
    await this.project.execute(fromOfferChanged(event), context.getManager());
  }

  @EventPattern<string>(OrderConfirmed.type, { batch: true })
  async onOrders(
    @Payload() events: EventEnvelope<OrderConfirmedV1>[],
    @Ctx() context: KafkaEventContext,
  ) {
    await this.project.executeEach(
      events.map((e) => fromOrdersConfirmed([e])),
      context.getManager(),
    );
  }

  @EventPattern<string>(MarketPricesObserved.type, { batch: true })
  async onMarketPrices(
    @Payload() events: EventEnvelope<MarketPricesObservedV1>[],
    @Ctx() context: KafkaEventContext,
  ) {
    await this.project.executeEach(
      events.map((e) => fromMarketPrices([e])),
      context.getManager(),
    );
  }
}
