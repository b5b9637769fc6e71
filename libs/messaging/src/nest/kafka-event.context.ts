import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { ConsumedEvent } from '../consumer/consumed-event';

/**
 * What an `@EventPattern` handler gets besides the envelope: where the event came from and the
 * inbox transaction's EntityManager. Writes made through it commit with the inbox row.
 */
export class KafkaEventContext extends BaseRpcContext<[ConsumedEvent, EntityManager]> {
  getEvent(): ConsumedEvent {
    return this.args[0];
  }

  getManager(): EntityManager {
    return this.args[1];
  }
}
