import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  type EventEnvelope,
  OrderConfirmed,
  type OrderConfirmedV1,
  OrderStatusChanged,
  type OrderStatusChangedV1,
} from '@simpul/contracts';
import { KafkaEventContext } from '@simpul/messaging';
import { RecordConfirmedOrdersHandler } from '../../application/planning/record-confirmed-orders.handler';

/** orders.orders.v1 → lines waiting for a load, inside the inbox transaction. */
@Controller()
export class OrderEventsConsumer {
  constructor(private readonly orders: RecordConfirmedOrdersHandler) {}

  @EventPattern<string>(OrderConfirmed.type, { batch: true })
  async onConfirmed(
    @Payload() events: EventEnvelope<OrderConfirmedV1>[],
    @Ctx() context: KafkaEventContext,
  ) {
    await this.orders.confirmed(events, context.getManager());
  }

  @EventPattern<string>(OrderStatusChanged.type)
  async onStatusChanged(
    @Payload() event: EventEnvelope<OrderStatusChangedV1>,
    @Ctx() context: KafkaEventContext,
  ) {
    await this.orders.statusChanged(event, context.getManager());
  }
}
