import type { Admin, IHeaders, Kafka } from 'kafkajs';
import { type Bound, type PartitionRange, resolveRange } from '../export/export-range';
import { readAndMerge } from '../export/export-reader';

export type { PartitionRange };

export const rangeSize = (ranges: readonly PartitionRange[]): number =>
  ranges.reduce((sum, r) => sum + Number(r.end > r.start ? r.end - r.start : 0n), 0);

/**
 * The offsets of a time range of a topic, fixed now — `resolveRange` of the export, with times:
 * from the first record at or after `fromMs` (inclusive) to the first at or after `toMs`
 * (exclusive), never beyond the end offsets of this moment, so that reading a busy topic ends.
 */
export async function offsetRanges(
  admin: Admin,
  topic: string,
  fromMs?: number,
  toMs?: number,
): Promise<PartitionRange[]> {
  const bound = (ms: number | undefined): Bound =>
    ms === undefined ? { kind: 'open' } : { kind: 'time', ms, text: new Date(ms).toISOString() };
  return (await resolveRange(admin, topic, bound(fromMs), bound(toMs))).partitions;
}

/** A record as the range readers hand it over: what the CLI uses of a Kafka message. */
export interface RangeMessage {
  offset: string;
  /** The record's timestamp (ms since the epoch), as kafkajs gives it: a string. */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders | undefined;
}

export interface RangeBatch {
  partition: number;
  /** In offset order, all within the partition's range. */
  messages: RangeMessage[];
}

/**
 * Reads the ranges of one topic and hands them over batch by batch, each batch one partition's
 * next records in offset order. It is the export's reader (`readAndMerge`: a throwaway consumer
 * group `simpul-cli.<purpose>.<random>`, explicit seeks, no commits, the group deleted at the
 * end), so no group a service uses is touched, and a batch is awaited before more is read.
 */
export async function readRanges(
  kafka: Kafka,
  topic: string,
  ranges: readonly PartitionRange[],
  onBatch: (batch: RangeBatch) => Promise<void>,
  options: { purpose: string; groupPrefix?: string } = { purpose: 'read' },
): Promise<void> {
  const pending = new Map<number, RangeMessage[]>();
  await readAndMerge({
    kafka,
    topic,
    groupPrefix: options.groupPrefix ?? '',
    purpose: options.purpose,
    partitions: ranges,
    keep: () => true,
    emit: (record) => {
      const messages = pending.get(record.partition) ?? [];
      if (messages.length === 0) pending.set(record.partition, messages);
      messages.push({
        offset: record.offset,
        timestamp: String(record.timestamp),
        key: record.key,
        value: record.value,
        headers: record.headers,
      });
    },
    flush: async () => {
      for (const partition of [...pending.keys()].sort((a, b) => a - b)) {
        const messages = pending.get(partition) ?? [];
        pending.delete(partition);
        if (messages.length) await onBatch({ partition, messages });
      }
    },
  });
}
