import { HEADER } from '@simpul/messaging';
import { type IHeaders, Partitioners } from 'kafkajs';
import { type CliContext, registryTopic } from '../cli-context';
import { UsageError } from '../cli-error';
import {
  offsetRanges,
  type PartitionRange,
  type RangeMessage,
  readRanges,
} from '../replay/range-reader';

/** Added to a redriven message: `<physical dlq topic>/<partition>/<offset>` it was sent back from. */
export const REDRIVEN_FROM_HEADER = 'simpul-redriven-from';

export interface DlqTopicCount {
  topic: string;
  partitions: number;
  messages: number;
}

export interface DeadLetterView {
  partition: number;
  offset: string;
  /** When it was dead-lettered (dlq-time header, else the record's timestamp). */
  time: string;
  key: string | null;
  eventType: string | null;
  eventId: string | null;
  errorCode: string | null;
  error: string | null;
  attempts: number | null;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  consumer: string | null;
  headers: Record<string, string>;
  value: string | null;
}

export interface Redriven {
  from: string;
  topic: string;
  partition: number;
  offset: string;
  eventType: string | null;
  eventId: string | null;
}

const DLQ_HEADERS: readonly string[] = [
  HEADER.dlqErrorCode,
  HEADER.dlqError,
  HEADER.dlqAttempts,
  HEADER.dlqTopic,
  HEADER.dlqPartition,
  HEADER.dlqOffset,
  HEADER.dlqConsumer,
  HEADER.dlqTime,
];

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]),
  );
}

function view(partition: number, message: RangeMessage): DeadLetterView {
  const headers = headerStrings(message.headers);
  const value = message.value?.toString() ?? null;
  let parsed: { id?: unknown; type?: unknown } | undefined;
  try {
    parsed = value ? (JSON.parse(value) as typeof parsed) : undefined;
  } catch {
    parsed = undefined;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
  return {
    partition,
    offset: message.offset,
    time: headers[HEADER.dlqTime] ?? new Date(Number(message.timestamp)).toISOString(),
    key: message.key?.toString() ?? null,
    eventType: headers[HEADER.eventType] ?? str(parsed?.type),
    eventId: headers[HEADER.eventId] ?? str(parsed?.id),
    errorCode: headers[HEADER.dlqErrorCode] ?? null,
    error: headers[HEADER.dlqError] ?? null,
    attempts: num(headers[HEADER.dlqAttempts]),
    originalTopic: headers[HEADER.dlqTopic] ?? null,
    originalPartition: num(headers[HEADER.dlqPartition]),
    originalOffset: headers[HEADER.dlqOffset] ?? null,
    consumer: headers[HEADER.dlqConsumer] ?? null,
    headers,
    value,
  };
}

/** A dead-letter topic of the registry by logical name (`<topic>.dlq`), or a usage error. */
export function dlqTopic(name: string) {
  const definition = registryTopic(name);
  if (!definition.dlqOf) {
    throw new UsageError(
      `${name} is not a dead-letter topic; dlq commands take <topic>.dlq, for example ${name}.dlq`,
    );
  }
  return { ...definition, dlqOf: definition.dlqOf };
}

/** `<partition>:<offset>` from the command line. */
export function parsePosition(text: string): { partition: number; offset: bigint } {
  const match = /^(\d{1,6}):(\d{1,19})$/.exec(text.trim());
  if (!match) {
    throw new UsageError(
      `"${text}" is not a message position; use <partition>:<offset>, e.g. 0:42`,
    );
  }
  return { partition: Number(match[1]), offset: BigInt(match[2]) };
}

/** Every `.dlq` topic under the prefix with the messages it keeps. */
export async function listDlqTopics(context: CliContext): Promise<DlqTopicCount[]> {
  const { kafka, namer } = context;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics())
      .filter((t) => t.endsWith('.dlq') && (namer.prefix === '' || t.startsWith(namer.prefix)))
      .sort();
    const counts: DlqTopicCount[] = [];
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      counts.push({
        topic: namer.logical(topic),
        partitions: offsets.length,
        messages: offsets.reduce((sum, o) => sum + Number(BigInt(o.high) - BigInt(o.low)), 0),
      });
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}

async function dlqRanges(context: CliContext, name: string) {
  const definition = dlqTopic(name);
  const physical = context.namer.physical(definition.name);
  const admin = context.kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(physical)) {
      throw new UsageError(
        `topic ${physical} does not exist on the broker${context.namer.prefix ? '' : ' (is --prefix right?)'}`,
      );
    }
    return { definition, physical, ranges: await offsetRanges(admin, physical) };
  } finally {
    await admin.disconnect();
  }
}

async function readLetters(
  context: CliContext,
  physical: string,
  ranges: readonly PartitionRange[],
): Promise<DeadLetterView[]> {
  const letters: DeadLetterView[] = [];
  await readRanges(
    context.kafka,
    physical,
    ranges,
    async ({ partition, messages }) => {
      for (const message of messages) letters.push(view(partition, message));
    },
    { purpose: 'dlq', groupPrefix: context.namer.prefix },
  );
  return letters.sort((a, b) =>
    a.partition !== b.partition
      ? a.partition - b.partition
      : Number(BigInt(a.offset) - BigInt(b.offset)),
  );
}

/** The messages of a dead-letter topic, read in a throwaway group that commits nothing. */
export async function listDeadLetters(context: CliContext, name: string) {
  const { physical, ranges } = await dlqRanges(context, name);
  return readLetters(context, physical, ranges);
}

/** Narrows the topic's ranges to the chosen positions, each of which must be there. */
function chosenRanges(
  physical: string,
  ranges: readonly PartitionRange[],
  positions: readonly { partition: number; offset: bigint }[],
): PartitionRange[] {
  const chosen = new Map<number, PartitionRange>();
  for (const { partition, offset } of positions) {
    const range = ranges.find((r) => r.partition === partition);
    if (!range) {
      throw new UsageError(
        `${physical} has no partition ${partition} (partitions 0–${ranges.length - 1})`,
      );
    }
    if (offset < range.start || offset >= range.end) {
      throw new UsageError(
        `${physical} has no message at ${partition}:${offset} (partition ${partition} holds ${
          range.end > range.start ? `offsets ${range.start}–${range.end - 1n}` : 'nothing'
        })`,
      );
    }
    const known = chosen.get(partition);
    chosen.set(partition, {
      partition,
      start: known && known.start < offset ? known.start : offset,
      end: known && known.end > offset + 1n ? known.end : offset + 1n,
    });
  }
  return [...chosen.values()];
}

export async function showDeadLetter(
  context: CliContext,
  name: string,
  position: string,
): Promise<DeadLetterView> {
  const at = parsePosition(position);
  const { physical, ranges } = await dlqRanges(context, name);
  const letters = await readLetters(context, physical, chosenRanges(physical, ranges, [at]));
  const letter = letters.find(
    (l) => l.partition === at.partition && BigInt(l.offset) === at.offset,
  );
  if (!letter) throw new UsageError(`${physical} has no message at ${position}`);
  return letter;
}

/**
 * Sends dead letters back to the topic they came from (physical name through the namer): the
 * original key, value and headers without the dlq-* ones, plus `simpul-redriven-from`. The
 * consumers' inbox de-duplicates by event id, so a message redriven twice is applied once.
 */
export async function redrive(
  context: CliContext,
  name: string,
  selection: { all: true } | { positions: readonly string[] },
): Promise<Redriven[]> {
  const positions = 'all' in selection ? [] : selection.positions.map(parsePosition);
  const { definition, physical, ranges } = await dlqRanges(context, name);
  const letters = await readLetters(
    context,
    physical,
    'all' in selection ? ranges : chosenRanges(physical, ranges, positions),
  );
  const wanted =
    'all' in selection
      ? letters
      : positions.map((p) => {
          const found = letters.find(
            (l) => l.partition === p.partition && BigInt(l.offset) === p.offset,
          );
          if (!found)
            throw new UsageError(`${physical} has no message at ${p.partition}:${p.offset}`);
          return found;
        });
  if (wanted.length === 0) return [];

  const admin = context.kafka.admin();
  await admin.connect();
  const partitionCounts = new Map<string, number>();
  try {
    const targets = [
      ...new Set(
        wanted.map((l) => context.namer.physical(l.originalTopic ?? definition.dlqOf.name)),
      ),
    ];
    const existing = new Set(await admin.listTopics());
    for (const target of targets) {
      if (!existing.has(target)) {
        throw new UsageError(`cannot redrive to ${target}: the topic does not exist on the broker`);
      }
    }
    const metadata = await admin.fetchTopicMetadata({ topics: targets });
    for (const t of metadata.topics) partitionCounts.set(t.name, t.partitions.length);
  } finally {
    await admin.disconnect();
  }

  const producer = context.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const sent: Redriven[] = [];
  try {
    for (const letter of wanted) {
      const topic = context.namer.physical(letter.originalTopic ?? definition.dlqOf.name);
      const headers = Object.fromEntries(
        Object.entries(letter.headers).filter(([header]) => !DLQ_HEADERS.includes(header)),
      );
      const from = `${physical}/${letter.partition}/${letter.offset}`;
      const original = letter.originalPartition;
      const [metadata] = await producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key: letter.key,
            value: letter.value,
            // Back to its partition, so that it is read in the order of its key.
            partition:
              original !== null && original < (partitionCounts.get(topic) ?? 0)
                ? original
                : undefined,
            headers: { ...headers, [REDRIVEN_FROM_HEADER]: from },
          },
        ],
      });
      sent.push({
        from: `${letter.partition}:${letter.offset}`,
        topic: context.namer.logical(topic),
        partition: metadata.partition,
        offset: metadata.baseOffset ?? '?',
        eventType: letter.eventType,
        eventId: letter.eventId,
      });
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

const firstLine = (text: string | null) => (text ?? '').split('\n')[0];

function table(header: string[], rows: string[][], right: number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatDlqTopics(counts: readonly DlqTopicCount[]): string {
  if (counts.length === 0) return 'no dead-letter topics under this prefix';
  return table(
    ['dead-letter topic', 'partitions', 'messages'],
    counts.map((c) => [c.topic, String(c.partitions), c.messages.toLocaleString('en-US')]),
    [1, 2],
  );
}

export function formatDeadLetters(topic: string, letters: readonly DeadLetterView[]): string {
  if (letters.length === 0) return `${topic}: no dead letters`;
  const maxError = 100;
  return table(
    ['position', 'dead-lettered', 'event type', 'error code', 'error'],
    letters.map((l) => {
      const error = firstLine(l.error);
      return [
        `${l.partition}:${l.offset}`,
        l.time,
        l.eventType ?? '?',
        l.errorCode ?? '?',
        error.length > maxError ? `${error.slice(0, maxError - 1)}…` : error,
      ];
    }),
  );
}

export function formatDeadLetter(topic: string, letter: DeadLetterView): string {
  const names = [
    ...DLQ_HEADERS.filter((h) => h in letter.headers),
    ...Object.keys(letter.headers)
      .filter((h) => !DLQ_HEADERS.includes(h))
      .sort(),
  ];
  const width = Math.max(...names.map((n) => n.length), 3);
  const lines = [
    `${topic} ${letter.partition}:${letter.offset}`,
    '',
    'headers',
    ...names.map((n) => {
      const [first, ...rest] = letter.headers[n].split('\n');
      return [
        `  ${n.padEnd(width)}  ${first}`,
        ...rest.map((r) => `  ${' '.repeat(width)}  ${r}`),
      ].join('\n');
    }),
    `  ${'key'.padEnd(width)}  ${letter.key ?? '(none)'}`,
    '',
    'value',
  ];
  let value = letter.value ?? '(none)';
  try {
    if (letter.value !== null) value = JSON.stringify(JSON.parse(letter.value), null, 2);
  } catch {
    // Not JSON (a malformed message): shown as it is.
  }
  lines.push(value);
  return lines.join('\n');
}

export function formatRedriven(dlq: string, sent: readonly Redriven[]): string {
  if (sent.length === 0) return `${dlq}: nothing to redrive`;
  return [
    ...sent.map((s) =>
      `sent ${dlq} ${s.from} → ${s.topic} ${s.partition}:${s.offset}  ${s.eventType ?? '?'} ${s.eventId ?? ''}`.trimEnd(),
    ),
    `redrove ${sent.length} message${sent.length === 1 ? '' : 's'} (${REDRIVEN_FROM_HEADER} names where each came from; the consumers' inbox applies an event id once)`,
  ].join('\n');
}
