import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { type EventEnvelope, ShipmentDelivered, type ShipmentDeliveredV1 } from '@simpul/contracts';
import { KafkaEventContext } from '@simpul/messaging';
import { OfferDeliveries } from '../../application/offer/offer-deliveries';

/** logistics.shipments.v1 deliveries → received and rejected quantities per allocation. */
@Controller()
export class ShipmentEventsConsumer {
  constructor(private readonly deliveries: OfferDeliveries) {}

  @EventPattern<string>(ShipmentDelivered.type)
  async onDelivered(
    @Payload() event: EventEnvelope<ShipmentDeliveredV1>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.deliveries.recordDelivery(event, context.getManager());
  }
}
