import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  AllocationMade,
  type AllocationMadeV1,
  AllocationReleased,
  type AllocationReleasedV1,
  type EventEnvelope,
} from '@simpul/contracts';
import { KafkaEventContext } from '@simpul/messaging';
import { ApplyAllocationsHandler } from '../../application/offer/apply-allocations.handler';

/** orders.orders.v1 allocations → offer quantities, inside the inbox transaction of the events. */
@Controller()
export class AllocationEventsConsumer {
  constructor(private readonly allocations: ApplyAllocationsHandler) {}

  /** Runs of allocations come as one call: one lock, one insert and one update per offer. */
  @EventPattern<string>(AllocationMade.type, { batch: true })
  async onAllocationsMade(
    @Payload() events: EventEnvelope<AllocationMadeV1>[],
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.allocations.allocationsMade(events, context.getManager());
  }

  @EventPattern<string>(AllocationReleased.type)
  async onAllocationReleased(
    @Payload() event: EventEnvelope<AllocationReleasedV1>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.allocations.allocationReleased(event, context.getManager());
  }
}
