import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  type EventEnvelope,
  OrderReleased,
  type OrderReleasedV1,
  OrderReleaseRefused,
  type OrderReleaseRefusedV1,
  ShipmentDelivered,
  type ShipmentDeliveredV1,
  ShipmentFailed,
  type ShipmentFailedV1,
  ShipmentPlanned,
  type ShipmentPlannedV1,
} from '@simpul/contracts';
import { KafkaEventContext } from '@simpul/messaging';
import { CancelOrderHandler } from '../../application/orders/cancel-order.handler';
import { RecordFulfilmentHandler } from '../../application/orders/record-fulfilment.handler';

/** logistics.shipments.v1 → order fulfilment states, and logistics' answers to cancellations. */
@Controller()
export class ShipmentEventsConsumer {
  constructor(
    private readonly fulfilment: RecordFulfilmentHandler,
    private readonly cancellations: CancelOrderHandler,
  ) {}

  @EventPattern<string>(ShipmentPlanned.type)
  async onPlanned(
    @Payload() event: EventEnvelope<ShipmentPlannedV1>,
    @Ctx() context: KafkaEventContext,
  ) {
    await this.fulfilment.planned(event, context.getManager());
  }

  @EventPattern<string>(ShipmentDelivered.type)
  async onDelivered(
    @Payload() event: EventEnvelope<ShipmentDeliveredV1>,
    @Ctx() context: KafkaEventContext,
  ) {
    await this.fulfilment.delivered(event, context.getManager());
  }

  @EventPattern<string>(ShipmentFailed.type)
  async onFailed(
    @Payload() event: EventEnvelope<ShipmentFailedV1>,
    @Ctx() context: KafkaEventContext,
  ) {
    await this.fulfilment.failed(event, context.getManager());
  }

  @EventPattern<string>(OrderReleased.type)
  async onReleased(
    @Payload() event: EventEnvelope<OrderReleasedV1>,
    @Ctx() context: KafkaEventContext,
  ) {
    await this.cancellations.released(event, context.getManager());
  }

  @EventPattern<string>(OrderReleaseRefused.type)
  async onReleaseRefused(
    @Payload() event: EventEnvelope<OrderReleaseRefusedV1>,
    @Ctx() context: KafkaEventContext,
  ) {
    await this.cancellations.refused(event, context.getManager());
  }
}
