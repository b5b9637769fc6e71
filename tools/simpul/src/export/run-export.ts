import { HEADER } from '@simpul/messaging';
import type { TopicDefinition } from '@simpul/contracts';
import { Presets, SingleBar } from 'cli-progress';
import type { CliContext } from '../cli-context';
import { registryTopic } from '../cli-context';
import { UsageError } from '../cli-error';
import { exportColumns } from './export-columns';
import { checkOrder, parseBound, resolveRange } from './export-range';
import { type ExportRecord, readAndMerge } from './export-reader';
import {
  CsvSink,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportSink,
  NdjsonSink,
  ParquetSink,
} from './export-sinks';

export interface ExportOptions {
  from?: string;
  to?: string;
  key?: string;
  type?: string[];
  commodity?: string;
  format?: string;
  /** A file; `-` or absent is stdout (NDJSON and CSV only). */
  out?: string;
  /** Progress on stderr (a bar on a terminal, a line every few seconds otherwise). */
  progress?: boolean;
}

export interface ExportSummary {
  topic: string;
  format: ExportFormat;
  out: string;
  /** Records read from the topic between the start and end offsets. */
  read: number;
  written: number;
  seconds: number;
  eventsPerSecond: number;
}

interface Filters {
  fromMs: number;
  toMs: number;
  key?: Buffer;
  types?: Set<string>;
  commodity?: string;
  /** The topic's key is the commodity code: filter on the key, without parsing the value. */
  commodityInKey: boolean;
}

function typeOf(record: ExportRecord): string | undefined {
  const header = record.headers?.[HEADER.eventType];
  if (header !== undefined) return (Array.isArray(header) ? header[0] : header)?.toString();
  return parsed(record)?.type as string | undefined;
}

function parsed(record: ExportRecord): Record<string, unknown> | undefined {
  if (!record.value) return undefined;
  try {
    return JSON.parse(record.value.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function recordFilter(filters: Filters): (record: ExportRecord) => boolean {
  return (record) => {
    if (record.timestamp < filters.fromMs || record.timestamp >= filters.toMs) return false;
    if (filters.key && !(record.key && record.key.equals(filters.key))) return false;
    if (filters.types) {
      const type = typeOf(record);
      if (type === undefined || !filters.types.has(type)) return false;
    }
    if (filters.commodity !== undefined) {
      if (filters.commodityInKey) {
        if (record.key?.toString('utf8') !== filters.commodity) return false;
      } else {
        const data = parsed(record)?.data as Record<string, unknown> | undefined;
        if (data?.commodityCode !== filters.commodity) return false;
      }
    }
    return true;
  };
}

export function exportFormat(format: string | undefined, out: string | undefined): ExportFormat {
  const chosen = (format ?? 'ndjson').toLowerCase();
  if (!EXPORT_FORMATS.includes(chosen as ExportFormat)) {
    throw new UsageError(`--format: "${format}" is not one of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (chosen === 'parquet' && (out === undefined || out === '-')) {
    throw new UsageError(
      '--format parquet needs --out <file> (Parquet cannot be streamed to stdout)',
    );
  }
  return chosen as ExportFormat;
}

function keyedByCommodity(topic: TopicDefinition): boolean {
  return topic.key.startsWith('commodityCode');
}

/** Progress on stderr: a bar with ETA on a terminal, a line every 5 s otherwise. */
function progressReporter(total: number, enabled: boolean) {
  if (!enabled || total === 0) return { update: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        stream: process.stderr,
        format:
          'export [{bar}] {percentage}% | {value}/{total} records | {speed}/s | ETA {eta_formatted}',
        etaBuffer: 50,
        fps: 5,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(total, 0, { speed: 0 });
    return {
      update: (read: number) =>
        bar.update(read, {
          speed: Math.round(read / Math.max(0.001, (Date.now() - started) / 1000)),
        }),
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  let last = started;
  return {
    update: (read: number) => {
      const now = Date.now();
      if (now - last < 5000) return;
      last = now;
      const rate = read / ((now - started) / 1000);
      const eta = rate > 0 ? Math.round((total - read) / rate) : 0;
      process.stderr.write(
        `export: ${read.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records read (${Math.round((read / total) * 100)}%), ${Math.round(rate).toLocaleString('en-US')}/s, ETA ${eta} s\n`,
      );
    },
    stop: () => undefined,
  };
}

/**
 * `simpul export <topic>`: the records of a range of a topic, filtered, merged across
 * partitions by record timestamp, written as NDJSON, CSV or Parquet.
 */
export async function runExport(
  context: CliContext,
  topicName: string,
  options: ExportOptions,
): Promise<ExportSummary> {
  const topic = registryTopic(topicName);
  const format = exportFormat(options.format, options.out);
  const now = Date.now();
  const from = parseBound(options.from, '--from', now);
  const to = parseBound(options.to, '--to', now);
  checkOrder(from, to);
  if (options.commodity !== undefined && !/^[A-Z][A-Z0-9_]{1,31}$/.test(options.commodity)) {
    throw new UsageError(
      `--commodity: "${options.commodity}" is not a commodity code (upper case, such as EGG or CHILI_RED_CURLY)`,
    );
  }
  const physical = context.namer.physical(topic.name);
  const admin = context.kafka.admin();
  await admin.connect();
  let range;
  try {
    if (!(await admin.listTopics()).includes(physical)) {
      throw new UsageError(
        `topic ${topic.name} does not exist on the broker${context.namer.prefix ? ` (as ${physical})` : ''}`,
      );
    }
    range = await resolveRange(admin, physical, from, to);
  } finally {
    await admin.disconnect();
  }
  const columns = format === 'ndjson' ? [] : exportColumns(topic);
  const sink: ExportSink =
    format === 'ndjson'
      ? new NdjsonSink(options.out)
      : format === 'csv'
        ? new CsvSink(options.out, columns, topic.name)
        : new ParquetSink(options.out as string, columns, topic.name);
  const keep = recordFilter({
    fromMs: range.fromMs,
    toMs: range.toMs,
    key: options.key === undefined ? undefined : Buffer.from(options.key),
    types: options.type?.length ? new Set(options.type) : undefined,
    commodity: options.commodity,
    commodityInKey: keyedByCommodity(topic.dlqOf ?? topic),
  });
  const total = range.partitions.reduce((sum, p) => sum + Number(p.end - p.start), 0);
  const progress = progressReporter(total, options.progress ?? false);
  const started = performance.now();
  let read = 0;
  try {
    read = await readAndMerge({
      kafka: context.kafka,
      topic: physical,
      groupPrefix: context.namer.prefix,
      partitions: range.partitions,
      keep,
      emit: (record) => sink.write(record),
      flush: () => sink.flush(),
      progress: (n) => progress.update(n),
    });
    progress.update(read);
  } finally {
    progress.stop();
    await sink.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    topic: topic.name,
    format,
    out: options.out ?? '-',
    read,
    written: sink.written,
    seconds,
    eventsPerSecond: sink.written / Math.max(seconds, 1e-9),
  };
}

export function summaryLine(summary: ExportSummary): string {
  const where = summary.out === '-' ? 'stdout' : summary.out;
  return `exported ${summary.written.toLocaleString('en-US')} events of ${summary.topic} (${summary.read.toLocaleString('en-US')} records read) as ${summary.format} to ${where} in ${summary.seconds.toFixed(1)} s (${Math.round(summary.eventsPerSecond).toLocaleString('en-US')} events/s)`;
}
