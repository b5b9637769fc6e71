import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EventEnvelope, EventEnvelopeSchema } from '../envelope/event-envelope';
import { EVENT_CATALOG } from '../events/event-catalog';
import type { EventDefinition } from '../events/event-definition';
import { compileClassCheck, isSafeJsonTree } from './compiled-validator';
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
 * Parses a message value and validates it as `validateEvent(parseJson(raw))` does — same
 * decision, same error code and message — but cheaply for the common case: the envelope and the
 * payload go through checks compiled once per contract class from its class-validator metadata
 * (`compiled-validator.ts`). Only when that check rejects (or cannot speak for the message) does
 * class-validator run, to give the decision and the detailed error.
 *
 * What it returns has the same fields as what `validateEvent` returns (it is the parsed value
 * itself: nobody else holds it). `data` stays the plain parsed payload, as before.
 */
export function decodeEvent(
  raw: Buffer | string | null | undefined,
  catalog: readonly EventDefinition[] = EVENT_CATALOG,
): EventEnvelope {
  const candidate = parseJson(raw);
  if (passesCompiledChecks(candidate, catalog)) return candidate as EventEnvelope;
  return validateEvent(candidate, catalog);
}

/**
 * True only if class-validator would accept `candidate` (fresh `JSON.parse` output) in
 * `validateEvent`. False means "ask class-validator": it may still accept.
 */
export function passesCompiledChecks(
  candidate: unknown,
  catalog: readonly EventDefinition[] = EVENT_CATALOG,
): boolean {
  try {
    return compiledChecksPass(candidate, catalog);
  } catch {
    // A validator that throws (class-validator's own, on values such as 5e-324): ask class-validator.
    return false;
  }
}

function compiledChecksPass(candidate: unknown, catalog: readonly EventDefinition[]): boolean {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return false;
  const checkEnvelope = compileClassCheck(EventEnvelopeSchema, 'assign');
  if (!checkEnvelope || !isSafeJsonTree(candidate) || !checkEnvelope(candidate)) return false;
  const { type, version, data } = candidate as EventEnvelope<object>;
  const definition = catalog.find((d) => d.type === type && d.version === version);
  if (!definition) return false;
  const checkPayload = compileClassCheck(definition.payload);
  return checkPayload !== undefined && checkPayload(data);
}

/**
 * Validates an envelope and its payload against the contract of its type and version, with
 * class-validator (any object; `decodeEvent` is the fast path for message values).
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
