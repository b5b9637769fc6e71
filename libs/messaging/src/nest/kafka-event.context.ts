import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { ConsumedEvent } from '../consumer/consumed-event';

/**
 * What an `@EventPattern` handler gets besides its payload: where the events came from and the
 * inbox transaction's EntityManager. Writes made through it commit with the inbox rows.
 */
export class KafkaEventContext extends BaseRpcContext<[readonly ConsumedEvent[], EntityManager]> {
  /** The event being handled (the first one, for a batch handler). */
  getEvent(): ConsumedEvent {
    return this.args[0][0];
  }

  /** Every event of this call: one for a plain handler, a run of consecutive events for a batch handler. */
  getEvents(): readonly ConsumedEvent[] {
    return this.args[0];
  }

  getManager(): EntityManager {
    return this.args[1];
  }

  /**
   * True when the events of this call are copies of history marked by `simpul republish`
   * (`simpul-replay` header): a handler whose effect acts on the world (dispatch, webhooks)
   * skips them. The transport never mixes marked and unmarked events in one call, so for a
   * batch handler this is the answer for every event of the batch.
   */
  isReplay(): boolean {
    const events = this.getEvents();
    return events.length > 0 && events.every((event) => event.replay);
  }
}
