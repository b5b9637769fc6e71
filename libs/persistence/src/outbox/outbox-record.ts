import type { EventDefinition, EventEnvelope } from '@simpul/contracts';
import type { OutboxRecord } from './outbox-store';

/** The outbox row for an event: logical topic and partition key come from its contract. */
export function toOutboxRecord<T extends object>(
  definition: EventDefinition<T>,
  envelope: EventEnvelope<T>,
): OutboxRecord {
  return {
    topic: definition.topic.name,
    key: definition.key(envelope.data),
    eventId: envelope.id,
    eventType: envelope.type,
    eventVersion: envelope.version,
    value: JSON.stringify(envelope),
  };
}
