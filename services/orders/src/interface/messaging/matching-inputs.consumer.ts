import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { KafkaEventContext } from '@simpul/messaging';
import { ApplyMatchingInputsHandler } from '../../application/matching/apply-matching-inputs.handler';
import { MATCHING_INPUT_TYPES } from '../../application/matching/matching-input.mapper';

/** orders.matching.v1 → the matching engine: consecutive inputs of any type as one run. */
@Controller()
export class MatchingInputsConsumer {
  constructor(private readonly apply: ApplyMatchingInputsHandler) {}

  @EventPattern<string[]>(MATCHING_INPUT_TYPES, { batch: true, batchGroup: 'matching' })
  async onInputs(@Ctx() context: KafkaEventContext): Promise<void> {
    await this.apply.execute(context.getEvents(), context.getManager());
  }
}
