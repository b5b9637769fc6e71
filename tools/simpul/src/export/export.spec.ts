import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_TOPICS, TOPICS } from '@simpul/contracts';
import { parse } from 'yaml';
import { UsageError } from '../cli-error';
import { exportColumns } from './export-columns';
import { checkOrder, parseBound } from './export-range';
import { exportFormat, recordFilter } from './run-export';
import type { ExportRecord } from './export-reader';

const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('export --from / --to', () => {
  it('reads instants, offsets for every partition, and offsets per partition', () => {
    expect(parseBound(undefined, '--from')).toEqual({ kind: 'open' });
    expect(parseBound('2026-11-20', '--from', NOW)).toMatchObject({
      kind: 'time',
      ms: Date.parse('2026-11-20'),
    });
    expect(parseBound('6h', '--from', NOW)).toMatchObject({ kind: 'time', ms: NOW - 6 * 3600e3 });
    expect(parseBound('offset:1200', '--from')).toEqual({ kind: 'offset', offset: 1200n });
    expect(parseBound('0:1200,3:99', '--to')).toEqual({
      kind: 'partitions',
      offsets: new Map([
        [0, 1200n],
        [3, 99n],
      ]),
    });
  });

  it.each(['yesterday', 'offset:', 'offset:-1', '0:1,0:2', '2026-13-45'])(
    'refuses %s with a usage error',
    (value) => {
      expect(() => parseBound(value, '--from', NOW)).toThrow(UsageError);
    },
  );

  it('refuses --from after --to, for times and for offsets', () => {
    const bound = (v: string) => parseBound(v, 'x', NOW);
    expect(() => checkOrder(bound('2026-11-21'), bound('2026-11-20'))).toThrow(/is after --to/);
    expect(() => checkOrder(bound('offset:9'), bound('offset:3'))).toThrow(/after --to offset 3/);
    expect(() => checkOrder(bound('1:9'), bound('offset:3'))).toThrow(/in partition 1/);
    expect(() => checkOrder(bound('2026-11-20'), bound('2026-11-20'))).not.toThrow();
    expect(() => checkOrder(bound('2026-11-20'), bound('offset:3'))).not.toThrow();
  });

  it('knows its formats; Parquet needs a file', () => {
    expect(exportFormat(undefined, undefined)).toBe('ndjson');
    expect(exportFormat('CSV', undefined)).toBe('csv');
    expect(() => exportFormat('parquet', '-')).toThrow(/needs --out/);
    expect(() => exportFormat('xlsx', 'a')).toThrow(UsageError);
  });
});

describe('export filters', () => {
  const record = (key: string, type: string, data: object, timestamp = 1000): ExportRecord => ({
    partition: 0,
    offset: '0',
    timestamp,
    key: Buffer.from(key),
    value: Buffer.from(JSON.stringify({ type, data })),
    headers: { 'event-type': Buffer.from(type) },
  });

  it('filters by time, key, type (header) and commodity (key or data.commodityCode)', () => {
    const all = { fromMs: -Infinity, toMs: Infinity, commodityInKey: false };
    expect(recordFilter({ ...all, fromMs: 1000, toMs: 2000 })(record('a', 't.a.b', {}))).toBe(true);
    expect(recordFilter({ ...all, fromMs: 1001 })(record('a', 't.a.b', {}))).toBe(false);
    expect(recordFilter({ ...all, toMs: 1000 })(record('a', 't.a.b', {}))).toBe(false);
    expect(recordFilter({ ...all, key: Buffer.from('a') })(record('a', 't.a.b', {}))).toBe(true);
    expect(recordFilter({ ...all, key: Buffer.from('b') })(record('a', 't.a.b', {}))).toBe(false);
    expect(recordFilter({ ...all, types: new Set(['t.a.b']) })(record('a', 't.a.b', {}))).toBe(
      true,
    );
    expect(recordFilter({ ...all, types: new Set(['t.a.c']) })(record('a', 't.a.b', {}))).toBe(
      false,
    );
    const egg = record('order-1', 'o.a.b', { commodityCode: 'EGG' });
    expect(recordFilter({ ...all, commodity: 'EGG' })(egg)).toBe(true);
    expect(recordFilter({ ...all, commodity: 'BEEF' })(egg)).toBe(false);
    expect(
      recordFilter({ ...all, commodity: 'EGG', commodityInKey: true })(record('EGG', 'x', {})),
    ).toBe(true);
  });
});

describe('export columns', () => {
  it('start with the Kafka metadata and the envelope, then the data fields by dot path', () => {
    const names = exportColumns(TOPICS.catalogOffers).map((c) => c.name);
    expect(names.slice(0, 14)).toEqual([
      'topic',
      'partition',
      'offset',
      'timestamp',
      'key',
      'id',
      'type',
      'version',
      'source',
      'time',
      'subject',
      'correlationId',
      'causationId',
      'tenantId',
    ]);
    expect(names).toContain('data.quantity.amount');
    expect(
      exportColumns(TOPICS.catalogOffers).find((c) => c.name === 'data.producerCertificates'),
    ).toMatchObject({ json: true, kind: 'string' });
    expect(new Set(names).size).toBe(names.length);
  });

  it('add the dead-letter headers for a .dlq topic, with text data columns', () => {
    const dlq = exportColumns({
      ...TOPICS.pricingAlerts,
      name: 'pricing.alerts.v1.dlq',
      dlqOf: TOPICS.pricingAlerts,
    });
    expect(dlq.map((c) => c.name)).toContain('dlqErrorCode');
    expect(dlq.filter((c) => c.source === 'data').every((c) => c.kind === 'string')).toBe(true);
  });

  // The AsyncAPI document is generated from the same contracts by another route (JSON schemas):
  // every leaf it describes must be a column, and no column may be made up.
  it.each(ALL_TOPICS.map((t) => [t.name, t] as const))(
    '%s: one column per leaf field of its AsyncAPI schemas',
    (_name, topic) => {
      const doc = parse(
        readFileSync(join(__dirname, '../../../../docs/asyncapi.yaml'), 'utf8'),
      ) as {
        channels: Record<string, { messages: Record<string, { $ref: string }> }>;
        components: {
          schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }>;
          messages: Record<string, { payload: { properties: { data: { $ref: string } } } }>;
        };
      };
      const schema = (ref: string) => doc.components.schemas[ref.split('/').pop() as string];
      const leaves = (ref: string, path: string): string[] =>
        Object.entries(schema(ref).properties ?? {}).flatMap(([name, property]) =>
          typeof property.$ref === 'string'
            ? leaves(property.$ref, `${path}.${name}`)
            : [`${path}.${name}`],
        );
      const expected = new Set(
        Object.values(doc.channels[topic.name].messages).flatMap((m) =>
          leaves(
            doc.components.messages[m.$ref.split('/').pop() as string].payload.properties.data.$ref,
            'data',
          ),
        ),
      );
      const columns = exportColumns(topic)
        .filter((c) => c.source === 'data')
        .map((c) => c.name);
      expect(new Set(columns)).toEqual(expected);
    },
  );
});
