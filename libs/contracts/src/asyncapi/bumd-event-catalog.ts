import { EVENT_CATALOG } from '../events/event-catalog';
import { BUMD_FEED_TOPIC_NAMES } from '../topics/topic-registry';
import { buildAsyncApiDocument, type JsonSchema, messageName } from './build-asyncapi';

/** The generated part of docs/bumd-developers.md sits between these markers. */
export const BUMD_CATALOG_FILE = 'docs/bumd-developers.md';
export const BUMD_CATALOG_START = '<!-- bumd-events:start -->';
export const BUMD_CATALOG_END = '<!-- bumd-events:end -->';

const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

function typeOf(schema: JsonSchema, nested: Set<string>): string {
  if (typeof schema['$ref'] === 'string') {
    const name = refName(schema['$ref']);
    nested.add(name);
    return name;
  }
  if (Array.isArray(schema['oneOf'])) {
    return (schema['oneOf'] as JsonSchema[]).map((s) => typeOf(s, nested)).join(' or ');
  }
  if (schema['type'] === 'array') return `${typeOf(schema['items'] as JsonSchema, nested)}[]`;
  if (Array.isArray(schema['enum']))
    return (schema['enum'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ');
  const format = typeof schema['format'] === 'string' ? ` (${schema['format']})` : '';
  return `${String(schema['type'] ?? 'any')}${format}`;
}

function fieldsTable(schema: JsonSchema, nested: Set<string>): string[] {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return [
    '| field | type | required |',
    '| ----- | ---- | -------- |',
    ...Object.entries(properties).map(
      ([name, field]) =>
        `| \`${name}\` | ${typeOf(field, nested).replace(/\|/g, '\\|')} | ${required.has(name) ? 'yes' : 'no'} |`,
    ),
  ];
}

/**
 * The catalog of events a BUMD can receive, from the same schemas as docs/asyncapi.yaml: every
 * event type on the feed topics, its key (the order it keeps), what it means and its payload.
 */
export function renderBumdEventCatalog(): string {
  const document = buildAsyncApiDocument() as {
    components: { schemas: Record<string, JsonSchema> };
  };
  const schemas = document.components.schemas;
  const events = EVENT_CATALOG.filter((e) => BUMD_FEED_TOPIC_NAMES.includes(e.topic.name));
  const nested = new Set<string>();
  const lines: string[] = [
    '_Generated from the contracts by `npm run asyncapi`; do not edit by hand._',
    '',
    '| event type | version | on topic | ordered per | what happened |',
    '| ---------- | ------: | -------- | ----------- | ------------- |',
    ...events.map(
      (e) =>
        `| [\`${e.type}\`](#${e.type.replace(/\./g, '')}) | ${e.version} | \`${e.topic.name}\` | ${keyOf(e.key.toString())} | ${e.description} |`,
    ),
  ];
  for (const event of events) {
    lines.push(
      '',
      `### ${event.type}`,
      '',
      `${event.description} (\`${messageName(event)}\`; payload \`${event.payload.name}\`)`,
      '',
    );
    lines.push(...fieldsTable(schemas[event.payload.name] ?? {}, nested));
  }
  const done = new Set<string>();
  const pending = [...nested];
  const nestedLines: string[] = [];
  while (pending.length) {
    const name = pending.shift() as string;
    if (done.has(name)) continue;
    done.add(name);
    const more = new Set<string>();
    nestedLines.push('', `#### ${name}`, '', ...fieldsTable(schemas[name] ?? {}, more));
    pending.push(...[...more].filter((n) => !done.has(n)));
  }
  if (nestedLines.length) lines.push('', '### Nested types', ...nestedLines);
  return lines.join('\n');
}

/** `(payload) => payload.orderId` → `orderId`. */
function keyOf(source: string): string {
  const match = /payload\.(\w+)/.exec(source);
  return match ? `\`${match[1]}\`` : 'see the topic';
}

/** The document with its generated part replaced (or the markers' absence reported). */
export function withBumdEventCatalog(markdown: string): string {
  const start = markdown.indexOf(BUMD_CATALOG_START);
  const end = markdown.indexOf(BUMD_CATALOG_END);
  if (start < 0 || end < start) {
    throw new Error(
      `${BUMD_CATALOG_FILE} lacks the ${BUMD_CATALOG_START} … ${BUMD_CATALOG_END} markers`,
    );
  }
  return `${markdown.slice(0, start + BUMD_CATALOG_START.length)}\n\n${renderBumdEventCatalog()}\n\n${markdown.slice(end)}`;
}
