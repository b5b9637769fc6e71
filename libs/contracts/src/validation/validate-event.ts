import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EventEnvelope, EventEnvelopeSchema } from '../envelope/event-envelope';
import { EVENT_CATALOG } from '../events/event-catalog';
import type { EventDefinition } from '../events/event-definition';
import { flattenValidationErrors } from './flatten-validation-errors';

export type EventValidationCode =
  'MALFORMED_JSON' | 'ENVELOPE_INVALID' | 'UNKNOWN_EVENT' | 'PAYLOAD_INVALID';

/** A message that can never be applied: it goes to the DLQ without retries. */
export class EventValidationError extends Error {
  constructor(
    readonly code: EventValidationCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(details.length ? `${message}: ${details.join('; ')}` : message);
    this.name = 'EventValidationError';
  }
}

const VALIDATOR_OPTIONS = {
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

export function parseJson(raw: Buffer | string | null | undefined): unknown {
  if (raw === null || raw === undefined || raw.length === 0) {
    throw new EventValidationError('MALFORMED_JSON', 'message has no value');
  }
  try {
    return JSON.parse(raw.toString());
  } catch (error) {
    throw new EventValidationError(
      'MALFORMED_JSON',
      `message value is not JSON (${(error as Error).message})`,
    );
  }
}

/**
 * Validates an envelope and its payload against the contract of its type and version.
 * Unknown extra fields are kept: adding an optional field is not a breaking change.
 */
export function validateEvent(
  candidate: unknown,
  catalog: readonly EventDefinition[] = EVENT_CATALOG,
): EventEnvelope {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    throw new EventValidationError('ENVELOPE_INVALID', 'message is not a JSON object');
  }
  // Envelope fields are all primitives: no transformation needed, only the class's validation metadata.
  const envelope: EventEnvelopeSchema = Object.assign(
    Object.create(EventEnvelopeSchema.prototype),
    candidate,
  );
  const envelopeErrors = validateSync(envelope, VALIDATOR_OPTIONS);
  if (envelopeErrors.length) {
    throw new EventValidationError(
      'ENVELOPE_INVALID',
      'invalid envelope',
      flattenValidationErrors(envelopeErrors),
    );
  }
  const definition = catalog.find(
    (d) => d.type === envelope.type && d.version === envelope.version,
  );
  if (!definition) {
    throw new EventValidationError(
      'UNKNOWN_EVENT',
      `no contract for ${envelope.type} v${envelope.version}`,
    );
  }
  const payload = plainToInstance(definition.payload, envelope.data);
  const payloadErrors = validateSync(payload as object, VALIDATOR_OPTIONS);
  if (payloadErrors.length) {
    throw new EventValidationError(
      'PAYLOAD_INVALID',
      `invalid ${envelope.type} v${envelope.version} payload`,
      flattenValidationErrors(payloadErrors, 'data'),
    );
  }
  return { ...(candidate as EventEnvelope), data: envelope.data };
}
