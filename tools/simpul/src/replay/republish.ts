import { HEADER, provisionTopics, TopicNamer } from '@simpul/messaging';
import { type IHeaders, type Message, Partitioners } from 'kafkajs';
import { type CliContext, registryTopic } from '../cli-context';
import { UsageError } from '../cli-error';
import { progress } from './progress';
import { offsetRanges, rangeSize, readRanges } from './range-reader';

/** Headers a copy carries besides the original ones (`simpul-replay: true` is HEADER.replay). */
export const REPLAY_HEADER = {
  /** `<physical topic>/<partition>/<offset>` of the original record. */
  of: 'simpul-replay-of',
  /** The original record's Kafka timestamp, ISO-8601 (the copy has the time it was copied). */
  time: 'simpul-replay-time',
} as const;

export interface RepublishOptions {
  /** Logical topic name from the registry. */
  topic: string;
  fromMs: number;
  toMs: number;
  /** Sandbox name: the copy goes to `<prefix>sandbox-<name>.<topic>`. */
  sandbox: string;
  /** Events per second; undefined = as fast as possible. */
  rate?: number;
  /** Show a progress bar (the command does, tests do not). */
  showProgress?: boolean;
}

export interface RepublishSummary {
  source: string;
  target: string;
  /** Sandbox topics created for this copy (the topic and its DLQ), empty when they existed. */
  created: string[];
  copied: number;
  partitions: { partition: number; from: string; to: string; copied: number }[];
  elapsedMs: number;
}

const SANDBOX_NAME = /^[a-z0-9][a-z0-9_-]{0,48}$/;
const MAX_CHUNK = 500;
const MAX_CHUNK_BYTES = 768 * 1024;

/** The namer of a sandbox: `sandbox-<name>.` inside the deployment's own prefix (none by default). */
export function sandboxNamer(deployment: TopicNamer, sandbox: string): TopicNamer {
  if (!SANDBOX_NAME.test(sandbox)) {
    throw new UsageError(
      `--sandbox: "${sandbox}" is not a sandbox name; use lowercase letters, digits, - and _ (up to 49)`,
    );
  }
  return new TopicNamer(`${deployment.prefix}sandbox-${sandbox}.`);
}

export function parseRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rate = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(rate) || rate <= 0) {
    throw new UsageError(`--rate: "${value}" is not a positive number of events per second`);
  }
  return rate;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Copies the records of `topic` with a timestamp in [from, to) into the sandbox's copy of the same
 * logical topic: same key, value, headers and partition, plus `simpul-replay: true` and where it
 * came from. The end offsets are fixed before the first read, so a busy topic's copy ends.
 */
export async function republish(
  context: CliContext,
  options: RepublishOptions,
): Promise<RepublishSummary> {
  const definition = registryTopic(options.topic);
  if (definition.dlqOf) {
    throw new UsageError(
      `${options.topic} is a dead-letter topic: inspect it with "simpul dlq list ${options.topic}" and send messages back with "simpul dlq redrive"`,
    );
  }
  if (options.fromMs >= options.toMs) {
    throw new UsageError(
      `--from (${new Date(options.fromMs).toISOString()}) must be before --to (${new Date(options.toMs).toISOString()})`,
    );
  }
  const sandbox = sandboxNamer(context.namer, options.sandbox);
  const source = context.namer.physical(definition.name);
  const target = sandbox.physical(definition.name);
  const started = Date.now();
  const { kafka } = context;
  const admin = kafka.admin();
  await admin.connect();
  let ranges;
  let targetPartitions: number;
  let created: string[];
  try {
    if (!(await admin.listTopics()).includes(source)) {
      throw new UsageError(
        `topic ${source} does not exist on the broker${context.namer.prefix ? '' : ' (is --prefix right?)'}`,
      );
    }
    ranges = await offsetRanges(admin, source, options.fromMs, options.toMs);
    created = await provisionTopics(kafka, [definition], {
      namer: sandbox,
      logger: { log: () => undefined, warn: context.note, error: context.note },
    });
    const metadata = await admin.fetchTopicMetadata({ topics: [target] });
    targetPartitions = metadata.topics[0]?.partitions.length ?? 0;
  } finally {
    await admin.disconnect();
  }

  const total = rangeSize(ranges);
  const copiedPer = new Map<number, number>();
  const bar = options.showProgress ? progress(`republish ${definition.name}`, total) : undefined;
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let copied = 0;
  const paceFrom = Date.now();
  try {
    await readRanges(
      kafka,
      source,
      ranges,
      async ({ partition, messages: fetched }) => {
        // The offsets came from the broker's time index; each record's own timestamp decides.
        const messages = fetched.filter((m) => {
          const at = Number(m.timestamp);
          return (
            (options.fromMs === undefined || at >= options.fromMs) &&
            (options.toMs === undefined || at < options.toMs)
          );
        });
        for (const chunk of chunks(messages, options.rate)) {
          if (options.rate) {
            const due = paceFrom + (copied / options.rate) * 1000;
            if (due > Date.now()) await sleep(due - Date.now());
          }
          await producer.send({
            topic: target,
            acks: -1,
            messages: chunk.map((m): Message => ({
              key: m.key,
              value: m.value,
              // Same partition as the original when the sandbox has it: order and layout kept.
              partition: partition < targetPartitions ? partition : undefined,
              headers: replayHeaders(m.headers, source, partition, m.offset, m.timestamp),
            })),
          });
          copied += chunk.length;
          copiedPer.set(partition, (copiedPer.get(partition) ?? 0) + chunk.length);
          bar?.increment(chunk.length);
        }
      },
      { purpose: 'republish', groupPrefix: context.namer.prefix },
    );
  } finally {
    bar?.stop();
    await producer.disconnect();
  }
  return {
    source,
    target,
    created,
    copied,
    partitions: ranges.map((r) => ({
      partition: r.partition,
      from: String(r.start),
      to: String(r.end),
      copied: copiedPer.get(r.partition) ?? 0,
    })),
    elapsedMs: Date.now() - started,
  };
}

export function replayHeaders(
  original: IHeaders | undefined,
  sourceTopic: string,
  partition: number,
  offset: string,
  timestamp: string,
): IHeaders {
  return {
    ...(original ?? {}),
    [HEADER.replay]: 'true',
    [REPLAY_HEADER.of]: `${sourceTopic}/${partition}/${offset}`,
    [REPLAY_HEADER.time]: new Date(Number(timestamp)).toISOString(),
  };
}

/** Sends of at most 500 messages and 768 KB; paced copies send about 20 times a second. */
function* chunks<T extends { value: Buffer | null; key: Buffer | null }>(
  messages: readonly T[],
  rate: number | undefined,
): Generator<T[]> {
  const most = rate ? Math.max(1, Math.min(MAX_CHUNK, Math.ceil(rate / 20))) : MAX_CHUNK;
  let current: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = (message.value?.length ?? 0) + (message.key?.length ?? 0) + 300;
    if (current.length >= most || (current.length > 0 && bytes + size > MAX_CHUNK_BYTES)) {
      yield current;
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length) yield current;
}

export function formatRepublish(summary: RepublishSummary, options: RepublishOptions): string {
  const seconds = summary.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(summary.copied / seconds) : summary.copied;
  const lines = [];
  if (summary.created.length) lines.push(`created ${summary.created.join(', ')}`);
  lines.push(
    `republished ${summary.copied.toLocaleString('en-US')} events of ${summary.source} ` +
      `[${new Date(options.fromMs).toISOString()}, ${new Date(options.toMs).toISOString()}) ` +
      `to ${summary.target}, marked ${HEADER.replay}: true, in ${seconds.toFixed(1)} s (${rate.toLocaleString('en-US')}/s)`,
  );
  return lines.join('\n');
}
