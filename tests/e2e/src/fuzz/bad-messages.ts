import type { EventEnvelope } from '@simpul/contracts';
import fc from 'fast-check';
import type { IHeaders } from 'kafkajs';
import { wrongTypeValue } from './hostile-values';

/** A message no consumer can apply: it must end in `<topic>.dlq`, the next one still applied. */
export interface BadMessage {
  kind: string;
  value: Buffer | string | null;
  headers: IHeaders;
}

const honestHeaders = (envelope: EventEnvelope<object>): IHeaders => ({
  'event-id': envelope.id,
  'event-type': envelope.type,
  'event-version': String(envelope.version),
  'content-type': 'application/json',
});

const jsonType = (value: unknown): string =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

const without = (object: object, field: string): object =>
  Object.fromEntries(Object.entries(object).filter(([name]) => name !== field));

/** 900 KB: under the broker's default 1 MB limit, over anything an event needs. */
export const LARGE_BYTES = 900 * 1024;

/**
 * Malformed messages built from a good event of the topic: not JSON, JSON that is not an object,
 * wrong version, unknown type, missing or wrongly typed envelope and payload fields, a very large
 * value, a tombstone, headers that lie about a broken body.
 */
export function badMessages(good: EventEnvelope<object>): fc.Arbitrary<BadMessage> {
  const envelopeFields = Object.keys(good).filter((f) => f !== 'causationId' && f !== 'tenantId');
  const dataFields = Object.keys(good.data);
  const json = (value: unknown, kind: string, headers = honestHeaders(good)): BadMessage => ({
    kind,
    value: JSON.stringify(value),
    headers,
  });
  return fc.oneof(
    fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
        fc.constantFrom('{', '{"id":', '\u0000\u0001', '\ufeff', 'NaN', "{'type':'x'}"),
      )
      .filter((raw) => {
        try {
          JSON.parse(raw.toString());
          return false;
        } catch {
          return true;
        }
      })
      .map((value) => ({ kind: 'not JSON', value, headers: honestHeaders(good) })),
    fc
      .oneof(fc.integer(), fc.string(), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 3 }))
      .map((value) => json(value, 'JSON that is not an object')),
    fc
      .constantFrom<unknown>(0, 2, 99, -1, '1', 1.5, null)
      .map((version) => json({ ...good, version }, `version ${JSON.stringify(version)}`)),
    fc
      .oneof(
        fc.constantFrom('fuzz.unknown.event', '', 'catalog.offer', good.type.toUpperCase()),
        fc.string({ maxLength: 40 }),
      )
      .map((type) => json({ ...good, type }, 'unknown type')),
    fc
      .constantFrom(...envelopeFields)
      .map((field) => json(without(good, field), `envelope without ${field}`)),
    ...(dataFields.length
      ? [
          fc
            .constantFrom(...dataFields)
            .map((field) =>
              json({ ...good, data: without(good.data, field) }, `data without ${field}`),
            ),
          fc
            .constantFrom(...dataFields)
            .chain((field) =>
              wrongTypeValue(jsonType((good.data as Record<string, unknown>)[field])).map((value) =>
                json(
                  { ...good, data: { ...good.data, [field]: value } },
                  `data.${field} of a wrong type`,
                ),
              ),
            ),
        ]
      : []),
    fc
      .constantFrom('id', 'time', 'source', 'data')
      .chain((field) =>
        wrongTypeValue(jsonType((good as unknown as Record<string, unknown>)[field])).map((value) =>
          json({ ...good, [field]: value }, `envelope ${field} of a wrong type`),
        ),
      ),
    fc.constant<BadMessage>({ kind: 'tombstone', value: null, headers: honestHeaders(good) }),
    fc.constant(json({ ...good, data: 'x'.repeat(LARGE_BYTES) }, 'a 900 KB value')),
    fc.constant(
      json({ ...good, id: 'not-a-uuid', data: {} }, 'headers that lie', honestHeaders(good)),
    ),
  );
}
