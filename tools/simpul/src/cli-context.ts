import { ALL_TOPICS, dlqTopicName, findTopic, type TopicDefinition } from '@simpul/contracts';
import { createKafka, TopicNamer } from '@simpul/messaging';
import type { Kafka } from 'kafkajs';
import { UsageError } from './cli-error';

/** Options every command takes (`--brokers`, `--prefix`), with the services' environment as defaults. */
export interface GlobalOptions {
  brokers: string;
  prefix: string;
  verbose?: boolean;
}

export interface CliContext {
  kafka: Kafka;
  namer: TopicNamer;
  options: GlobalOptions;
  /** Progress and notes go to stderr, so stdout stays clean for data (`export --out -`). */
  note(line: string): void;
}

const quiet = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

export function cliContext(options: GlobalOptions): CliContext {
  const brokers = options.brokers
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) {
    throw new UsageError(`--brokers takes host:port[,host:port…], got "${options.brokers}"`);
  }
  return {
    kafka: createKafka({
      brokers,
      clientId: 'simpul-cli',
      logger: options.verbose ? console : quiet,
      connectionTimeoutMs: 5000,
    }),
    namer: new TopicNamer(options.prefix),
    options,
    note: (line) => process.stderr.write(`${line}\n`),
  };
}

/**
 * A topic of the registry or its dead-letter topic, by logical name; anything else is a usage
 * error that lists what exists.
 */
export function registryTopic(name: string): TopicDefinition & { dlqOf?: TopicDefinition } {
  const direct = findTopic(name);
  if (direct) return direct;
  const base = name.endsWith('.dlq') ? findTopic(name.slice(0, -'.dlq'.length)) : undefined;
  if (base) return { ...base, name: dlqTopicName(base.name), dlqOf: base };
  throw new UsageError(
    `unknown topic "${name}"; known topics: ${ALL_TOPICS.map((t) => t.name).join(', ')} (and each with .dlq)`,
  );
}

/**
 * An instant from the command line: an ISO-8601 date or date-time (`2026-11-20`,
 * `2026-11-20T06:00+07:00`), or a duration before now (`15m`, `6h`, `7d`).
 */
export function parseInstant(value: string, option: string, now = Date.now()): number {
  const relative = /^(\d+)(s|m|h|d)$/.exec(value);
  if (relative) {
    const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return now - Number(relative[1]) * unit;
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new UsageError(
    `${option}: "${value}" is not a time; use an ISO-8601 date or time (2026-11-20, 2026-11-20T06:00:00+07:00), a duration ago (6h, 7d), or an offset (offset:1200)`,
  );
}
