import fc from 'fast-check';
import {
  encodeURIComponentSafe,
  hostilePathSegment,
  hostileQueryValue,
  hostileString,
  hostileValue,
  toJson,
  wrongTypeValue,
} from './hostile-values';
import {
  type FuzzRoute,
  isFreeText,
  type OpenApiDocument,
  plausibleValue,
  resolve,
  type Schema,
} from './openapi-routes';

/** One request the fuzzer sends, and what it did to an otherwise plausible request. */
export interface HttpCase {
  /** Path and query, encoded as sent. */
  target: string;
  contentType?: string;
  body?: string;
  mutation: string;
  /**
   * True only when the request may be valid after all: a well-formed string put into a free-text
   * field. Such a request may succeed (2xx); every other case must be refused with a 4xx.
   */
  mayBeValid: boolean;
}

interface FieldPath {
  path: (string | number)[];
  schema: Schema;
  required: boolean;
}

/** Fields of a body, nested objects and the first element of arrays included (depth ≤ 3). */
function fieldPaths(document: OpenApiDocument, raw: Schema, prefix: (string | number)[] = []) {
  const schema = resolve(document, raw);
  const found: FieldPath[] = [];
  if (prefix.length > 3) return found;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, name];
    const resolved = resolve(document, property);
    found.push({ path, schema: resolved, required: schema.required?.includes(name) ?? false });
    if (resolved.properties) found.push(...fieldPaths(document, resolved, path));
    if (resolved.type === 'array' && resolved.items && resolve(document, resolved.items).properties)
      found.push(...fieldPaths(document, resolved.items, [...path, 0]));
  }
  return found;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

const MALFORMED_JSON: readonly string[] = [
  '{',
  '{"a":}',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  '{"a":"\\x00"}',
  '{"a":"\\ud800"',
  'NaN',
  'undefined',
  '\u0000',
  '\ufeff{}',
  '{"a":01}',
  '[1,2',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];

const WRONG_CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/csv',
];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CSV_HEADER = 'market,commodity,price,date';

/** A CSV body: the right header (usually) over rows of hostile cells. */
const csvBody: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(CSV_HEADER) },
      { weight: 1, arbitrary: hostileString },
    ),
    fc.array(
      fc.array(fc.oneof(hostileString, fc.constantFrom('EGG', '48500', '2026-02-30')), {
        minLength: 1,
        maxLength: 5,
      }),
      { minLength: 0, maxLength: 4 },
    ),
  )
  .map(([header, rows]) =>
    [
      header,
      ...rows.map((cells) =>
        cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','),
      ),
    ].join('\n'),
  );

/** The arbitrary of requests to one route. */
export function httpCases(document: OpenApiDocument, route: FuzzRoute): fc.Arbitrary<HttpCase> {
  const pathArb = fc
    .tuple(...route.pathParams.map(() => hostilePathSegment))
    .map((values) =>
      route.pathParams.reduce((path, name, i) => path.replace(`{${name}}`, values[i]), route.path),
    );
  const queryArb = fc
    .tuple(
      fc.tuple(
        ...route.query.map((param) =>
          fc.oneof(
            { weight: 2, arbitrary: fc.constant<string[] | null>(null) },
            {
              weight: 1,
              arbitrary: fc.constant<string[] | null>([
                String(plausibleValue(document, param.schema)),
              ]),
            },
            { weight: 3, arbitrary: hostileQueryValue },
          ),
        ),
      ),
      fc.option(
        fc.tuple(fc.constantFrom('x', 'limit[]', 'status[$ne]', '__proto__', '%00'), hostileString),
        {
          freq: 4,
        },
      ),
    )
    .map(([values, extra]) => {
      const pairs: string[] = [];
      route.query.forEach((param, i) => {
        for (const value of values[i] ?? [])
          pairs.push(`${param.name}=${encodeURIComponentSafe(value)}`);
      });
      if (extra) pairs.push(`${extra[0]}=${encodeURIComponentSafe(extra[1])}`);
      return pairs.length ? `?${pairs.join('&')}` : '';
    });
  return fc
    .tuple(pathArb, queryArb, bodyCases(document, route))
    .map(([path, query, body]) => ({ ...body, target: `${path}${query}` }));
}

type BodyCase = Omit<HttpCase, 'target'>;

function bodyCases(document: OpenApiDocument, route: FuzzRoute): fc.Arbitrary<BodyCase> {
  const json = 'application/json';
  const common: fc.Arbitrary<BodyCase>[] = [
    fc.jsonValue({ maxDepth: 3 }).map((value) => ({
      contentType: json,
      body: toJson(value),
      mutation: 'arbitrary JSON',
      mayBeValid: false,
    })),
    fc.constantFrom(...MALFORMED_JSON).map((body) => ({
      contentType: json,
      body,
      mutation: 'malformed JSON',
      mayBeValid: false,
    })),
    fc.constantFrom(64, 5000).map((depth) => ({
      contentType: json,
      body: `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`,
      mutation: `nested ${depth} deep`,
      mayBeValid: false,
    })),
  ];
  if (!route.body) {
    // No body expected: what is sent anyway must not matter, and the path or query decides.
    return fc.oneof(
      fc.constant<BodyCase>({ mutation: 'no body', mayBeValid: route.method === 'GET' }),
      ...common.map((arb) => arb.map((c) => ({ ...c, mayBeValid: route.method === 'GET' }))),
    );
  }
  if (route.body.contentType === 'text/csv') {
    return fc.oneof(
      csvBody.map((body) => ({
        contentType: 'text/csv',
        body,
        mutation: 'CSV of hostile cells',
        mayBeValid: false,
      })),
      fc
        .constantFrom('Pasar\u0000Jaya', 'Pasar \ud800 Jaya', '\u202eayaJ rasaP', '=cmd|calc!A1')
        .map((market) => ({
          contentType: 'text/csv',
          body: `${CSV_HEADER}\n${market},EGG,28000,2026-02-30\n${market},EGG,-1,2026-01-01\n`,
          mutation: 'CSV rows that must all be refused',
          mayBeValid: false,
        })),
      ...common,
    );
  }
  const base = plausibleValue(document, route.body.schema);
  const fields = fieldPaths(document, route.body.schema);
  const label = (field: FieldPath) => field.path.join('.');
  const cases: fc.Arbitrary<BodyCase>[] = [...common];
  if (fields.length > 0) {
    const field = fc.constantFrom(...fields);
    cases.push(
      field.chain((f) =>
        hostileValue.map((value) => ({
          contentType: json,
          body: toJson(setAt(base, f.path, value)),
          mutation: `hostile ${label(f)}`,
          mayBeValid:
            isFreeText(document, f.schema) &&
            typeof value === 'string' &&
            !value.includes('\u0000') &&
            !LONE_SURROGATE.test(value),
        })),
      ),
      field.chain((f) =>
        wrongTypeValue(f.schema.type).map((value) => ({
          contentType: json,
          body: toJson(setAt(base, f.path, value)),
          mutation: `wrong type for ${label(f)}`,
          // A number where free text goes may be its decimal form once converted: not here.
          mayBeValid: false,
        })),
      ),
    );
    const required = fields.filter((f) => f.required);
    if (required.length > 0) {
      cases.push(
        fc.constantFrom(...required).map((f) => ({
          contentType: json,
          body: toJson(setAt(base, f.path, undefined, true)),
          mutation: `without ${label(f)}`,
          mayBeValid: false,
        })),
      );
    }
  }
  cases.push(
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue).map(([name, value]) => ({
      contentType: json,
      body: toJson({ ...(base as object), [`zz${name}`]: value }),
      mutation: 'extra field',
      mayBeValid: false,
    })),
    fc.constantFrom(...WRONG_CONTENT_TYPES).map((contentType) => ({
      contentType,
      body: toJson(base),
      mutation: `content type ${contentType ?? 'missing'}`,
      mayBeValid: false,
    })),
  );
  return fc.oneof(...cases);
}
