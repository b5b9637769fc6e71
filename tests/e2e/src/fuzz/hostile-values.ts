import fc from 'fast-check';

/**
 * Values a careless or hostile client sends: SQL and script fragments, unicode that breaks naive
 * code (lone surrogates, RTL overrides, zero-width characters, NUL, combining marks), huge
 * strings, dates that do not exist, and numbers at and beyond every limit.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "'; DROP TABLE supply_offers; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  "1'; SELECT pg_sleep(5); --",
  "Robert'); DELETE FROM orders; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '\u0000',
  'telur\u0000ayam',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c.exe',
  '\u200b\u200c\u200d\ufeff',
  'مرحبا بالعالم',
  'טֶלֶר',
  '🥚🌶️👨‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '',
  ' ',
  '\t\r\n',
  'x'.repeat(10_000),
  '€'.repeat(20_000),
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '1e309',
  '0x1F',
  '2026-02-30',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-29T25:61:00Z',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '__proto__',
  'constructor',
  '%s%s%s%n',
  '\\u0000',
];

/** Numbers as JSON text: some cannot be JS numbers at all (1e400 parses to Infinity). */
export const HOSTILE_NUMBERS: readonly string[] = [
  '-1',
  '0',
  '-0',
  '0.5',
  '1.5',
  '0.0001',
  '1.0000001',
  '2147483648',
  '9007199254740993',
  '1e308',
  '-1e308',
  '1e400',
  '-1e400',
  '1e-400',
  '123456789012345678901234567890',
];

/** Marks a JSON number literal inside a value; `toJson` writes it unquoted. */
const RAW = '\u0001raw:';
export const rawNumber = (literal: string): string => `${RAW}${literal}`;

/** JSON.stringify, with the raw number literals written as they are. */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001raw:([^"]*)"/g, '$1');
}

/** What PostgreSQL refuses in text and jsonb: NUL and lone surrogates (drawn more often). */
export const UNSTORABLE_STRINGS: readonly string[] = [
  '\u0000',
  'telur\u0000ayam',
  '\ud800',
  'x\udfffy',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNSTORABLE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 3000 }) },
);

export const hostileNumber: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS).map(rawNumber) },
  { weight: 1, arbitrary: fc.double().map((n) => rawNumber(JSON.stringify(n))) },
  { weight: 1, arbitrary: fc.integer().map((n) => rawNumber(String(-Math.abs(n)))) },
);

/** Any hostile value: a string, a number, or a structure where a scalar belongs. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { $gt: '' }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A value of another JSON type than the schema's. */
export function wrongTypeValue(type: string | undefined): fc.Arbitrary<unknown> {
  const byType: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 20 }),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    boolean: fc.boolean(),
    array: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), {
      maxKeys: 3,
    }),
    null: fc.constant(null),
  };
  const own = type === 'integer' ? 'number' : (type ?? 'string');
  return fc.oneof(
    ...Object.entries(byType)
      .filter(([name]) => name !== own)
      .map(([, arbitrary]) => arbitrary),
  );
}

/** Percent-encodes every byte (a lone surrogate becomes U+FFFD, as any client would send it). */
export function encodeAll(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/** Path segments as they arrive on the wire: encoded slashes, dots, bad escapes, huge, unicode. */
export const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.uuid().map((id) => id) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '%2F',
      'a%2Fb',
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e',
      '%ZZ',
      '%E0%A4%A',
      '%ED%A0%80',
      '%C0%AF',
      '%00',
      'x%00y',
      '%20',
      'null',
      '-1',
      '1e309',
      'NaN',
      '0193a000-0000-7000-8000-00000000000Z',
      '0193A000-0000-7000-8000-0000000000AA',
      '{id}',
      'a'.repeat(4000),
      '%F0%9F%A5%9A',
      '%E2%80%AE',
    ),
  },
  { weight: 2, arbitrary: hostileString.map(encodeURIComponentSafe) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponentSafe) },
);

/** Percent-encodes what must be (lone surrogates become U+FFFD): URLs stay short. */
export function encodeURIComponentSafe(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeAll(text);
  }
}

/** A query string value: plausible, hostile, or several (a repeated parameter). */
export const hostileQueryValue: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(hostileString).map(([s]) => [s]),
  fc.constantFrom(...HOSTILE_NUMBERS).map((n) => [n]),
  fc.constantFrom<string[]>(
    ['1', '2'],
    [''],
    ['1.5'],
    ['0'],
    ['-5'],
    ['1e3'],
    ['10abc'],
    ['EGG', 'BEEF'],
  ),
);
