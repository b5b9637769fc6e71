// Contract classes read design-time metadata when they load: the polyfill goes first.
import 'reflect-metadata';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  ARRAY_UNIQUE,
  getMetadataStorage,
  IS_BOOLEAN,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_NOT_EMPTY,
  IS_NUMBER,
  IS_OBJECT,
  IS_POSITIVE,
  IS_STRING,
  IS_UUID,
  isISO8601,
  MATCHES,
  MAX_LENGTH,
  maxLength,
  MIN,
  ValidationTypes,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import fc from 'fast-check';
import { EventEnvelopeSchema } from '../envelope/event-envelope';
import { EVENT_CATALOG } from '../events/event-catalog';
import type { EventDefinition } from '../events/event-definition';
import {
  compileClassCheck,
  isSafeJsonTree,
  isValidInstantString,
  whyNotCompiled,
} from './compiled-validator';
import { decodeEvent, parseJson, passesCompiledChecks, validateEvent } from './validate-event';

// The compiled checks must decide exactly as class-validator does. These properties compare the two
// on valid events of every type in the catalog (generated from the contracts' own decorators) and
// on corrupted variants of them.

const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: {
    findTypeMetadata(
      target: unknown,
      property: string,
    ): { typeFunction: () => unknown } | undefined;
  };
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

const classValidatorAccepts = (candidate: unknown) => outcome(() => validateEvent(candidate)).ok;

// ---- generators built from the decorators -----------------------------------------------------

const VALID_INSTANTS = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());
// Valid, but not the form the shortcut knows: class-validator's own check decides.
const OTHER_VALID_DATES = fc.constantFrom(
  '2025-01-15',
  '2025-01-15T08:30:00Z',
  '2025-01-15T08:30:00+07:00',
  '2024-02-29T00:00:00.000000Z',
);
const ISO_DATES = fc.oneof(
  { weight: 4, arbitrary: VALID_INSTANTS },
  { weight: 1, arbitrary: OTHER_VALID_DATES },
);

function metadataOf(target: unknown): Map<string, ValidationMetadata[]> {
  const all = (
    getMetadataStorage() as unknown as {
      getTargetValidationMetadatas(
        t: unknown,
        s: undefined,
        a: boolean,
        g: boolean,
      ): ValidationMetadata[];
    }
  ).getTargetValidationMetadatas(target, undefined, false, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of all)
    byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  return byProperty;
}

const classArbitraries = new Map<unknown, fc.Arbitrary<Record<string, unknown>>>();

function classArbitrary(target: new () => object): fc.Arbitrary<Record<string, unknown>> {
  const known = classArbitraries.get(target);
  if (known) return known;
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [property, metadatas] of metadataOf(target)) {
    fields[property] = propertyArbitrary(target, property, metadatas);
  }
  const arbitrary = fc.record(fields);
  classArbitraries.set(target, arbitrary);
  return arbitrary;
}

function propertyArbitrary(
  target: new () => object,
  property: string,
  metadatas: ValidationMetadata[],
): fc.Arbitrary<unknown> {
  const named = new Map(metadatas.map((m) => [m.name, m]));
  const constraint = (name: string) => named.get(name)?.constraints?.[0] as unknown;
  const nested = metadatas.some((m) => m.type === ValidationTypes.NESTED_VALIDATION);
  const isArray =
    Reflect.getMetadata('design:type', target.prototype, property) === Array ||
    metadatas.some((m) => m.each) ||
    named.has(ARRAY_MIN_SIZE);
  let element: fc.Arbitrary<unknown>;
  if (nested) {
    const type = defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction();
    element = classArbitrary(type as new () => object);
  } else if (named.has(IS_UUID)) {
    element = fc.uuid();
  } else if (named.has(IS_ISO8601)) {
    element = ISO_DATES;
  } else if (named.has(MATCHES)) {
    element = fc.stringMatching(constraint(MATCHES) as RegExp);
  } else if (named.has(IS_IN)) {
    element = fc.constantFrom(...(constraint(IS_IN) as unknown[]));
  } else if (named.has(IS_BOOLEAN)) {
    element = fc.boolean();
  } else if (named.has(IS_INT) || named.has(IS_NUMBER)) {
    const min = named.has(IS_POSITIVE) ? 1 : named.has(MIN) ? (constraint(MIN) as number) : -1e6;
    const integers = fc.integer({ min, max: 1e9 });
    const places =
      (constraint(IS_NUMBER) as { maxDecimalPlaces?: number } | undefined)?.maxDecimalPlaces ?? 3;
    element = named.has(IS_INT) ? integers : integers.map((n) => (n > 0 ? n / 10 ** places : n));
  } else if (named.has(IS_STRING)) {
    element = fc.string({
      minLength: named.has(IS_NOT_EMPTY) ? 1 : 0,
      maxLength: (constraint(MAX_LENGTH) as number | undefined) ?? 40,
    });
  } else if (named.has(IS_OBJECT)) {
    element = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 });
  } else {
    throw new Error(
      `no test generator for ${target.name}.${property} (${[...named.keys()].join(', ')}): extend compiled-validator.spec.ts`,
    );
  }
  let value: fc.Arbitrary<unknown> = element;
  if (isArray) {
    const sizes = {
      minLength: (constraint(ARRAY_MIN_SIZE) as number | undefined) ?? 0,
      maxLength: Math.min((constraint(ARRAY_MAX_SIZE) as number | undefined) ?? 4, 4),
    };
    value = named.has(ARRAY_UNIQUE)
      ? fc.uniqueArray(element, { ...sizes, selector: (v) => JSON.stringify(v) })
      : fc.array(element, sizes);
  }
  const conditional = metadatas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
  if (conditional.some((m) => m.name === 'isOptional')) {
    value = fc.oneof({ weight: 3, arbitrary: value }, fc.constant(undefined), fc.constant(null));
  } else if (conditional.length) {
    value = fc.oneof({ weight: 3, arbitrary: value }, fc.constant(null));
  }
  return value;
}

/** A valid-looking envelope of the event type, as JSON (what a consumer parses). */
function eventArbitrary(definition: EventDefinition): fc.Arbitrary<Json> {
  return fc
    .record({
      envelope: classArbitrary(EventEnvelopeSchema),
      data: classArbitrary(definition.payload),
    })
    .map(({ envelope, data }) =>
      toJson({ ...envelope, type: definition.type, version: definition.version, data }),
    );
}

const toJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

// ---- corruptions ------------------------------------------------------------------------------

type Path = (string | number)[];

function paths(value: Json, prefix: Path = []): Path[] {
  const own: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => own.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) own.push(...paths(v, [...prefix, k]));
  }
  return own;
}

const BAD_STRINGS = [
  '',
  ' ',
  'x',
  '5',
  'egg',
  'EGG',
  'E',
  'EGG-1',
  'A'.repeat(33),
  'x'.repeat(129),
  'x'.repeat(2001),
  '😀'.repeat(40),
  'a\uFE0F'.repeat(40),
  // UUIDs: nil, max, wrong version, not hex, upper case, too short
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '0194d1c8-7a1b-0c3d-8e9f-0123456789ab',
  '0194d1c8-7a1b-7c3d-8e9f-0123456789ag',
  '0194D1C8-7A1B-7C3D-8E9F-0123456789AB',
  '0194d1c8-7a1b-7c3d-8e9f-0123456789a',
  // dates: impossible days and times, other forms
  '2024-02-29T00:00:00.000Z',
  '2023-02-29T00:00:00.000Z',
  '2024-02-30T00:00:00.000Z',
  '2024-04-31T12:00:00.000Z',
  '2024-13-01T00:00:00.000Z',
  '2024-00-10T00:00:00.000Z',
  '2024-01-00T00:00:00.000Z',
  '2024-01-01T24:00:00.000Z',
  '2024-01-01T23:60:00.000Z',
  '2024-01-01T23:59:60.000Z',
  '2024-01-01T10:00:00.000z',
  '2024-01-01 10:00:00.000Z',
  '2024-01-01T10:00:00Z',
  '2024-01-01T10:00:00+07:00',
  '2024-01-01',
  '20240101T100000Z',
  '1900-02-29T00:00:00.000Z',
  '2000-02-29T00:00:00.000Z',
  '+2024-01-01T00:00:00.000Z',
  'not a date',
];
const BAD_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  -0.001,
  0.5,
  1.2345,
  1e21,
  2 ** 53,
  [],
  {},
  [1],
  ...BAD_STRINGS,
];

type Corruption =
  | { kind: 'delete' }
  | { kind: 'set'; value: Json }
  | { kind: 'wrap-array' | 'wrap-object' | 'negate' | 'stringify' | 'duplicate' | 'empty' }
  | { kind: 'extra'; key: string; value: Json }
  | { kind: 'date-part'; at: number; digits: string };

const CORRUPTIONS: fc.Arbitrary<Corruption> = fc.oneof(
  fc.constant({ kind: 'delete' as const }),
  fc.constantFrom(...BAD_VALUES).map((value) => ({ kind: 'set' as const, value })),
  fc.jsonValue().map((value) => ({ kind: 'set' as const, value: value as Json })),
  fc
    .constantFrom(
      ...(['wrap-array', 'wrap-object', 'negate', 'stringify', 'duplicate', 'empty'] as const),
    )
    .map((kind) => ({ kind })),
  fc
    .record({ key: fc.constantFrom('extra', 'x', 'amount', 'unit', 'data'), value: fc.jsonValue() })
    .map(({ key, value }) => ({ kind: 'extra' as const, key, value: value as Json })),
  fc
    .record({ at: fc.constantFrom(0, 5, 8, 11, 14, 17, 20), digits: fc.stringMatching(/^\d\d$/) })
    .map(({ at, digits }) => ({ kind: 'date-part' as const, at, digits })),
);

function corrupt(event: Json, path: Path, corruption: Corruption): Json {
  const copy = toJson(event);
  if (path.length === 0) return replace(copy, corruption) ?? null;
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as never)[key], copy) as
    Json[] | Record<string, Json>;
  const key = path[path.length - 1];
  const current = (parent as never)[key] as Json;
  if (corruption.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
    return copy;
  }
  const next = replace(current, corruption);
  if (next !== undefined) (parent as Record<string | number, Json>)[key] = next;
  return copy;
}

function replace(current: Json, corruption: Corruption): Json | undefined {
  switch (corruption.kind) {
    case 'set':
      return corruption.value;
    case 'wrap-array':
      return [current];
    case 'wrap-object':
      return { value: current };
    case 'negate':
      return typeof current === 'number' ? -current || -1 : current;
    case 'stringify':
      return typeof current === 'string' ? current : JSON.stringify(current);
    case 'duplicate':
      return Array.isArray(current) && current.length ? [...current, current[0]] : current;
    case 'empty':
      return Array.isArray(current) ? [] : typeof current === 'string' ? '' : current;
    case 'extra':
      return current && typeof current === 'object' && !Array.isArray(current)
        ? { ...current, [corruption.key]: corruption.value }
        : current;
    case 'date-part':
      return typeof current === 'string' && current.length === 24
        ? current.slice(0, corruption.at) + corruption.digits + current.slice(corruption.at + 2)
        : current;
    default:
      return undefined;
  }
}

// ---- properties -------------------------------------------------------------------------------

describe('compiled contract checks', () => {
  it('compile for the envelope and every event type of the catalog', () => {
    expect(whyNotCompiled(EventEnvelopeSchema, 'assign')).toBeUndefined();
    const notCompiled = EVENT_CATALOG.flatMap((d) => {
      const why = whyNotCompiled(d.payload);
      return why ? [`${d.type} v${d.version}: ${why}`] : [];
    });
    expect(notCompiled).toEqual([]);
    for (const d of EVENT_CATALOG) expect(compileClassCheck(d.payload)).toBeDefined();
  });

  describe.each(EVENT_CATALOG.map((d) => [`${d.type} v${d.version}`, d] as const))(
    '%s',
    (_, definition) => {
      const events = eventArbitrary(definition);

      it('accepts the valid events class-validator accepts', () => {
        let valid = 0;
        fc.assert(
          fc.property(events, (event) => {
            const accepted = classValidatorAccepts(event);
            if (accepted) valid++;
            expect(passesCompiledChecks(event)).toBe(accepted);
          }),
          { numRuns: 150 },
        );
        // The generator follows the decorators: most of what it makes must be valid.
        expect(valid).toBeGreaterThan(100);
      });

      it('decides as class-validator does on corrupted events', () => {
        let rejected = 0;
        fc.assert(
          fc.property(events, fc.nat(), CORRUPTIONS, (event, pick, corruption) => {
            const all = paths(event);
            const candidate = corrupt(event, all[pick % all.length], corruption);
            const accepted = classValidatorAccepts(candidate);
            if (!accepted) rejected++;
            // A tree with own `__proto__`/`constructor` keys (or too deep) always goes to
            // class-validator: the fast check says "ask", whatever class-validator then decides.
            const expected = isSafeJsonTree(candidate) ? accepted : false;
            expect(passesCompiledChecks(candidate)).toBe(expected);
            // And the consumer's decode gives the same envelope or the same error, word for word.
            const raw = JSON.stringify(candidate);
            expect(outcome(() => decodeEvent(raw))).toEqual(
              outcome(() => validateEvent(JSON.parse(raw))),
            );
          }),
          { numRuns: 400 },
        );
        // Not vacuous: many corruptions are caught (others, such as an extra field, are allowed).
        expect(rejected).toBeGreaterThan(150);
      });
    },
  );

  it('leaves objects with constructor or __proto__ keys, and deep trees, to class-validator', () => {
    const base = toJson(fc.sample(eventArbitrary(EVENT_CATALOG[0]), { numRuns: 1, seed: 7 })[0]);
    const variants = [
      `{"constructor":{},${JSON.stringify(base).slice(1)}`,
      `{"__proto__":{"x":1},${JSON.stringify(base).slice(1)}`,
      JSON.stringify({
        ...(base as object),
        data: { ...(base as { data: object }).data, x: { constructor: 1 } },
      }),
      JSON.stringify({
        ...(base as object),
        data: { ...(base as { data: object }).data, x: { constructor: {} } },
      }),
      JSON.stringify(base).replace('"data":{', '"data":{"__proto__":{"a":1},'),
      JSON.stringify(base).replace('"data":{', '"data":{"constructor":"x",'),
      JSON.stringify({ ...(base as object), deep: JSON.parse('['.repeat(200) + ']'.repeat(200)) }),
    ];
    for (const raw of variants) {
      expect(passesCompiledChecks(JSON.parse(raw))).toBe(false);
      expect(outcome(() => decodeEvent(raw))).toEqual(
        outcome(() => validateEvent(JSON.parse(raw))),
      );
    }
  });

  it('keeps the error codes and messages of malformed messages', () => {
    for (const raw of [null, '', 'not json', '[]', '1', '{}', '{"type":"x"}']) {
      expect(outcome(() => decodeEvent(raw))).toEqual(outcome(() => validateEvent(parseJson(raw))));
    }
  });
});

describe('isValidInstantString', () => {
  it('says valid only where isISO8601 (strict) does, and for every canonical instant from 1000 on', () => {
    const years = [
      '0000',
      '0004',
      '0099',
      '0100',
      '0400',
      '0999',
      '1000',
      '1900',
      '1999',
      '2000',
      '2023',
      '2024',
      '2100',
      '9999',
    ];
    const two = (n: number) => String(n).padStart(2, '0');
    let checked = 0;
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          for (const time of [
            '00:00:00.000',
            '23:59:59.999',
            '24:00:00.000',
            '12:60:00.000',
            '12:00:60.000',
          ]) {
            const value = `${year}-${two(month)}-${two(day)}T${time}Z`;
            const expected = isISO8601(value, { strict: true });
            // Sound everywhere; complete (no needless fallback) for years 1000–9999.
            const fast = isValidInstantString(value);
            if (fast || Number(year) >= 1000) expect([value, fast]).toEqual([value, expected]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20000);
  });

  it('never says valid where isISO8601 (strict) does not', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)),
        (value) => {
          if (isValidInstantString(value)) expect(isISO8601(value, { strict: true })).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('the MaxLength shortcut', () => {
  it('never says valid where maxLength does not', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.nat(80), (value, max) => {
        if (value.length <= max) expect(maxLength(value, max)).toBe(true);
      }),
    );
  });
});
