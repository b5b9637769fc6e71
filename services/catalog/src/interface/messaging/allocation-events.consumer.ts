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

/** orders.orders.v1 allocations → offer quantities, inside the inbox transaction of each event. */
@Controller()
export class AllocationEventsConsumer {
  constructor(private readonly allocations: ApplyAllocationsHandler) {}

  @EventPattern<string>(AllocationMade.type)
  async onAllocationMade(
    @Payload() event: EventEnvelope<AllocationMadeV1>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.allocations.allocationMade(event, context.getManager());
  }

  @EventPattern<string>(AllocationReleased.type)
  async onAllocationReleased(
    @Payload() event: EventEnvelope<AllocationReleasedV1>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    await this.allocations.allocationReleased(event, context.getManager());
  }
}
