import { Controller, Logger } from '@nestjs/common';
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

/**
 * orders.orders.v1 → lines waiting for a load, inside the inbox transaction.
 *
 * Events marked as replays (`simpul republish`) are consumed (the inbox records them) but act on
 * nothing: a replayed confirmed order puts no line up for truck planning, and a replayed
 * cancellation takes no line off a load, fails no shipment and gets no answer. Dispatch books real trucks and
 * drivers; history copied into a sandbox must never do that (docs/analysts.md, `republish`).
 */
@Controller()
export class OrderEventsConsumer {
  private readonly logger = new Logger(OrderEventsConsumer.name);

  constructor(private readonly orders: RecordConfirmedOrdersHandler) {}

  @EventPattern<string>(OrderConfirmed.type, { batch: true })
  async onConfirmed(
    @Payload() events: EventEnvelope<OrderConfirmedV1>[],
    @Ctx() context: KafkaEventContext,
  ) {
    if (this.skipReplay(context)) return;
    await this.orders.confirmed(events, context.getManager());
  }

  @EventPattern<string>(OrderStatusChanged.type)
  async onStatusChanged(
    @Payload() event: EventEnvelope<OrderStatusChangedV1>,
    @Ctx() context: KafkaEventContext,
  ) {
    if (this.skipReplay(context)) return;
    await this.orders.statusChanged(event, context.getManager());
  }

  private skipReplay(context: KafkaEventContext): boolean {
    if (!context.isReplay()) return false;
    const events = context.getEvents();
    this.logger.debug(
      `replay: ${events.length} ${events[0].envelope.type} event(s) not acted on (${events[0].topic}[${events[0].partition}]@${events[0].offset}…)`,
    );
    return true;
  }
}
