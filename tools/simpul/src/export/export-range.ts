import type { Admin } from 'kafkajs';
import { parseInstant } from '../cli-context';
import { UsageError } from '../cli-error';

/** One end of the range, as given on the command line. */
export type Bound =
  | { kind: 'open' }
  | { kind: 'time'; ms: number; text: string }
  | { kind: 'offset'; offset: bigint }
  | { kind: 'partitions'; offsets: ReadonlyMap<number, bigint> };

/**
 * `--from` / `--to`: an instant (ISO-8601 date or time, or `6h`/`7d` ago), `offset:1200` (the
 * same offset in every partition) or `0:1200,3:99` (per partition: only those partitions).
 */
export function parseBound(value: string | undefined, option: string, now = Date.now()): Bound {
  if (value === undefined) return { kind: 'open' };
  const trimmed = value.trim();
  const all = /^offset:(\d+)$/.exec(trimmed);
  if (all) return { kind: 'offset', offset: BigInt(all[1]) };
  if (/^\d+:\d+(,\d+:\d+)*$/.test(trimmed)) {
    const offsets = new Map<number, bigint>();
    for (const part of trimmed.split(',')) {
      const [partition, offset] = part.split(':');
      if (offsets.has(Number(partition)))
        throw new UsageError(`${option}: partition ${partition} is given twice in "${value}"`);
      offsets.set(Number(partition), BigInt(offset));
    }
    return { kind: 'partitions', offsets };
  }
  return { kind: 'time', ms: parseInstant(trimmed, option, now), text: trimmed };
}

/** `--from` after `--to` is a usage error, where the two can be compared before reading. */
export function checkOrder(from: Bound, to: Bound): void {
  if (from.kind === 'time' && to.kind === 'time' && from.ms > to.ms) {
    throw new UsageError(
      `--from ${from.text} (${new Date(from.ms).toISOString()}) is after --to ${to.text} (${new Date(to.ms).toISOString()})`,
    );
  }
  const offsetOf = (bound: Bound, partition: number): bigint | undefined =>
    bound.kind === 'offset'
      ? bound.offset
      : bound.kind === 'partitions'
        ? bound.offsets.get(partition)
        : undefined;
  if (
    (from.kind === 'offset' || from.kind === 'partitions') &&
    (to.kind === 'offset' || to.kind === 'partitions')
  ) {
    const partitions =
      from.kind === 'partitions'
        ? [...from.offsets.keys()]
        : to.kind === 'partitions'
          ? [...to.offsets.keys()]
          : [0];
    for (const partition of partitions) {
      const [a, b] = [offsetOf(from, partition), offsetOf(to, partition)];
      if (a !== undefined && b !== undefined && a > b) {
        throw new UsageError(
          `--from offset ${a} is after --to offset ${b}${from.kind === 'partitions' || to.kind === 'partitions' ? ` in partition ${partition}` : ''}`,
        );
      }
    }
  }
}

/** What to read of one partition: offsets [start, end). */
export interface PartitionRange {
  partition: number;
  start: bigint;
  end: bigint;
}

export interface ResolvedRange {
  partitions: PartitionRange[];
  /** Record timestamps kept: [fromMs, toMs). */
  fromMs: number;
  toMs: number;
}

/**
 * An admin call again while the broker answers with a retriable error (a partition without a
 * leader yet, just after a topic was created or a broker restarted), for up to about 10 s.
 */
async function retrying<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

const clamp = (value: bigint, low: bigint, high: bigint) =>
  value < low ? low : value > high ? high : value;

/**
 * Fixes the offsets to read, now: the end offsets are captured once, so an export of a busy
 * topic ends. Times become offsets through the broker's time index (the first record at or
 * after the instant); records are then filtered by timestamp too.
 */
export async function resolveRange(
  admin: Admin,
  physicalTopic: string,
  from: Bound,
  to: Bound,
): Promise<ResolvedRange> {
  const watermarks = await retrying(() => admin.fetchTopicOffsets(physicalTopic));
  const existing = new Set(watermarks.map((w) => w.partition));
  for (const bound of [from, to]) {
    if (bound.kind !== 'partitions') continue;
    for (const partition of bound.offsets.keys()) {
      if (!existing.has(partition)) {
        throw new UsageError(
          `partition ${partition} does not exist; ${physicalTopic} has partitions 0–${watermarks.length - 1}`,
        );
      }
    }
  }
  const byTime = async (bound: Bound) =>
    bound.kind === 'time'
      ? new Map(
          (await retrying(() => admin.fetchTopicOffsetsByTimestamp(physicalTopic, bound.ms))).map(
            (o) => [o.partition, BigInt(o.offset)],
          ),
        )
      : undefined;
  const [fromOffsets, toOffsets] = [await byTime(from), await byTime(to)];
  const listed =
    from.kind === 'partitions' || to.kind === 'partitions'
      ? new Set([
          ...(from.kind === 'partitions' ? from.offsets.keys() : []),
          ...(to.kind === 'partitions' ? to.offsets.keys() : []),
        ])
      : undefined;
  const partitions: PartitionRange[] = [];
  for (const mark of [...watermarks].sort((a, b) => a.partition - b.partition)) {
    if (listed && !listed.has(mark.partition)) continue;
    const [low, high] = [BigInt(mark.low), BigInt(mark.high)];
    const pick = (bound: Bound, timed: Map<number, bigint> | undefined, open: bigint) => {
      switch (bound.kind) {
        case 'open':
          return open;
        case 'time':
          return timed?.get(mark.partition) ?? open;
        case 'offset':
          return bound.offset;
        case 'partitions':
          return bound.offsets.get(mark.partition) ?? open;
      }
    };
    const start = clamp(pick(from, fromOffsets, low), low, high);
    const end = clamp(pick(to, toOffsets, high), start, high);
    partitions.push({ partition: mark.partition, start, end });
  }
  return {
    partitions,
    fromMs: from.kind === 'time' ? from.ms : -Infinity,
    toMs: to.kind === 'time' ? to.ms : Infinity,
  };
}
