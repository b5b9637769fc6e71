import 'reflect-metadata';
import { EVENT_CATALOG, type TopicDefinition } from '@simpul/contracts';
import type { MetadataStorage as ClassTransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';

// The very storage instance that @Type() wrote to (class-transformer ships its typings apart).
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: ClassTransformerMetadataStorage;
};

/** What a column holds: numbers and booleans stay typed in Parquet; everything else is text. */
export type ColumnKind = 'string' | 'number' | 'boolean' | 'int32' | 'int64' | 'timestamp';

export interface ExportColumn {
  /** Column name: `data.quantity.amount` for data fields, as listed in docs/analysts.md. */
  name: string;
  kind: ColumnKind;
  /** Where the value comes from. */
  source: 'kafka' | 'envelope' | 'data' | 'header';
  /** Path inside the envelope (`['data', 'quantity', 'amount']`) or the header name. */
  path: readonly string[];
  /** Arrays and objects inside arrays are written as JSON text. */
  json?: boolean;
}

const KAFKA_COLUMNS: readonly ExportColumn[] = [
  { name: 'topic', kind: 'string', source: 'kafka', path: ['topic'] },
  { name: 'partition', kind: 'int32', source: 'kafka', path: ['partition'] },
  { name: 'offset', kind: 'int64', source: 'kafka', path: ['offset'] },
  { name: 'timestamp', kind: 'timestamp', source: 'kafka', path: ['timestamp'] },
  { name: 'key', kind: 'string', source: 'kafka', path: ['key'] },
];

const ENVELOPE_FIELDS = [
  'id',
  'type',
  'version',
  'source',
  'time',
  'subject',
  'correlationId',
  'causationId',
  'tenantId',
] as const;

const ENVELOPE_COLUMNS: readonly ExportColumn[] = ENVELOPE_FIELDS.map((field) => ({
  name: field,
  kind: field === 'version' ? 'int32' : 'string',
  source: 'envelope',
  path: [field],
}));

/** The cause of a dead letter, from its headers (dead-letter topics only). */
const DLQ_HEADER_COLUMNS: readonly ExportColumn[] = [
  ['dlqErrorCode', 'dlq-error-code'],
  ['dlqError', 'dlq-error'],
  ['dlqAttempts', 'dlq-attempts'],
  ['dlqOriginalTopic', 'dlq-original-topic'],
  ['dlqOriginalPartition', 'dlq-original-partition'],
  ['dlqOriginalOffset', 'dlq-original-offset'],
  ['dlqConsumer', 'dlq-consumer'],
  ['dlqTime', 'dlq-time'],
].map(([name, header]) => ({ name, kind: 'string', source: 'header', path: [header] }));

const ARRAY_CONSTRAINTS = new Set([
  'isArray',
  'arrayUnique',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayNotEmpty',
  'arrayContains',
  'arrayNotContains',
]);

interface PropertyInfo {
  kind: 'string' | 'number' | 'boolean';
  array: boolean;
  nested?: new () => object;
}

/** The properties of a contract class in declaration order, read from its decorators. */
function properties(target: new () => object): Map<string, PropertyInfo> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const byProperty = new Map<string, typeof metadata>();
  for (const entry of metadata) {
    const list = byProperty.get(entry.propertyName) ?? [];
    list.push(entry);
    byProperty.set(entry.propertyName, list);
  }
  const result = new Map<string, PropertyInfo>();
  for (const [name, entries] of byProperty) {
    const types = new Set(entries.map((e) => e.name ?? e.type));
    const array = entries.some((e) => e.each === true || ARRAY_CONSTRAINTS.has(e.name ?? e.type));
    const typeMetadata = defaultMetadataStorage.findTypeMetadata(target, name);
    const nested = typeMetadata?.typeFunction() as (new () => object) | undefined;
    const kind =
      types.has('isInt') || types.has('isNumber')
        ? 'number'
        : types.has('isBoolean')
          ? 'boolean'
          : 'string';
    result.set(name, { kind, array, nested: typeof nested === 'function' ? nested : undefined });
  }
  return result;
}

/** Leaf columns of a payload class, by dot path; nested objects are flattened, arrays are JSON. */
function dataColumns(target: new () => object, path: readonly string[]): ExportColumn[] {
  const columns: ExportColumn[] = [];
  for (const [name, info] of properties(target)) {
    const at = [...path, name];
    if (info.nested && !info.array) {
      columns.push(...dataColumns(info.nested, at));
    } else if (info.array || info.nested) {
      columns.push({ name: at.join('.'), kind: 'string', source: 'data', path: at, json: true });
    } else {
      columns.push({ name: at.join('.'), kind: info.kind, source: 'data', path: at });
    }
  }
  return columns;
}

/**
 * The CSV and Parquet columns of a topic: Kafka metadata, the envelope fields, (for a
 * dead-letter topic) the cause headers, then the data fields of every event type of the topic
 * in the order of the event catalog and of their contract classes. The list depends on the
 * contracts only, never on the events that fall in the range, so every export of a topic has
 * the same columns. A field two event types share is one column; when they type it differently
 * it is text.
 */
export function exportColumns(
  topic: TopicDefinition & { dlqOf?: TopicDefinition },
): ExportColumn[] {
  const base = topic.dlqOf ?? topic;
  const data = new Map<string, ExportColumn>();
  for (const event of EVENT_CATALOG.filter((e) => e.topic.name === base.name)) {
    for (const column of dataColumns(event.payload, ['data'])) {
      const seen = data.get(column.name);
      if (!seen) data.set(column.name, column);
      else if (seen.kind !== column.kind || !!seen.json !== !!column.json)
        data.set(column.name, { ...seen, kind: 'string', json: seen.json || column.json });
    }
  }
  // A dead letter may hold anything: its data columns are text, whatever the contract says.
  const dataList = [...data.values()].map((c) =>
    topic.dlqOf && c.kind !== 'string' ? { ...c, kind: 'string' as const } : c,
  );
  return [
    ...KAFKA_COLUMNS,
    ...ENVELOPE_COLUMNS,
    ...(topic.dlqOf ? DLQ_HEADER_COLUMNS : []),
    ...dataList,
  ];
}
