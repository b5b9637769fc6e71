import { v7 as uuidv7 } from 'uuid';
import type { EventDefinition } from '../events/event-definition';
import type { EventEnvelope } from './event-envelope';

export interface EnvelopeInput<T> {
  source: string;
  subject: string;
  data: T;
  /** Defaults to the new event's own id: the event starts a new causal chain. */
  correlationId?: string;
  causationId?: string;
  tenantId?: string;
  /** Injected for determinism in tests and replays. */
  id?: string;
  time?: Date;
}

/** Wraps a payload in the standard envelope, stamping id (UUID v7) and time. */
export function createEnvelope<T extends object>(
  definition: EventDefinition<T>,
  input: EnvelopeInput<T>,
): EventEnvelope<T> {
  const id = input.id ?? uuidv7();
  return {
    id,
    type: definition.type,
    version: definition.version,
    source: input.source,
    time: (input.time ?? new Date()).toISOString(),
    subject: input.subject,
    correlationId: input.correlationId ?? id,
    ...(input.causationId ? { causationId: input.causationId } : {}),
    ...(input.tenantId ? { tenantId: input.tenantId } : {}),
    data: input.data,
  };
}

/** Envelope fields of an event caused by `cause`: same correlation, causation = cause id. */
export function causedBy(
  cause: EventEnvelope,
): Pick<EnvelopeInput<unknown>, 'correlationId' | 'causationId'> {
  return { correlationId: cause.correlationId, causationId: cause.id };
}
