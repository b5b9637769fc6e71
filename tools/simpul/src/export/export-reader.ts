import { randomBytes } from 'node:crypto';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { PartitionRange } from './export-range';

/** One record of the topic, as the merge hands it to a sink. */
export interface ExportRecord {
  partition: number;
  offset: string;
  /** The Kafka record timestamp (ms): when the event was written to the log. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders | undefined;
}

export interface ReadOptions {
  kafka: Kafka;
  topic: string;
  /** Group ids start with it (the deployment's prefix), so they sort with the deployment's. */
  groupPrefix: string;
  /** Names the throwaway group: `simpul-cli.<purpose>.<random>` (default `export`). */
  purpose?: string;
  partitions: readonly PartitionRange[];
  /** Cheap per-record test (timestamp range, filters); records it refuses are not merged. */
  keep: (record: ExportRecord) => boolean;
  /** Receives the merged records in order; awaited between fetches (backpressure). */
  emit: (record: ExportRecord) => void;
  flush: () => Promise<void>;
  /** Called with the number of records read so far (kept or not). */
  progress?: (read: number) => void;
}

/** Per partition: at most this many records wait in the merge before the partition is paused. */
const HIGH_WATER = 20_000;
const LOW_WATER = 5_000;

class PartitionQueue {
  readonly items: ExportRecord[] = [];
  head = 0;
  /** Next offset expected: a batch fetched before a seek can repeat offsets; they are skipped. */
  next: bigint;
  done: boolean;
  paused = false;

  constructor(readonly range: PartitionRange) {
    this.next = range.start;
    this.done = range.start >= range.end;
  }

  get size(): number {
    return this.items.length - this.head;
  }

  shift(): ExportRecord {
    const item = this.items[this.head++];
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }
}

/** A unique throwaway group id: the CLI never uses (or commits in) a group of the services. */
export function exportGroupId(prefix: string, purpose = 'export'): string {
  return `${prefix}simpul-cli.${purpose}.${randomBytes(6).toString('hex')}`;
}

/**
 * Reads offsets [start, end) of each partition and merges the partitions by record timestamp
 * (ties: partition, then offset), each partition in offset order. A throwaway consumer group
 * gets every partition, seeks explicitly, never commits, and is deleted at the end.
 * Returns the number of records read.
 */
export async function readAndMerge(options: ReadOptions): Promise<number> {
  const queues = new Map(
    options.partitions.map((range) => [range.partition, new PartitionQueue(range)]),
  );
  const active = [...queues.values()];
  let read = 0;
  if (active.every((q) => q.done)) return 0;

  const groupId = exportGroupId(options.groupPrefix, options.purpose);
  const consumer = options.kafka.consumer({
    groupId,
    // Large fetches: the export reads history, not the tail.
    maxBytes: 64 * 1024 * 1024,
    maxBytesPerPartition: 16 * 1024 * 1024,
    minBytes: 1,
    maxWaitTimeInMs: 100,
    sessionTimeout: 30_000,
    rebalanceTimeout: 30_000,
    heartbeatInterval: 3_000,
    allowAutoTopicCreation: false,
    retry: { retries: 5 },
  });
  const topicPartitions = (partitions: number[]) => [{ topic: options.topic, partitions }];

  /** Emits while every unfinished partition has a record waiting: the k-way merge. */
  const merge = () => {
    for (;;) {
      let best: PartitionQueue | undefined;
      let bestRecord: ExportRecord | undefined;
      for (const q of active) {
        if (q.size === 0) {
          if (q.done) continue;
          return; // a partition may still hold an earlier record: wait for its next fetch
        }
        const r = q.items[q.head];
        if (
          !bestRecord ||
          r.timestamp < bestRecord.timestamp ||
          (r.timestamp === bestRecord.timestamp && r.partition < bestRecord.partition)
        ) {
          best = q;
          bestRecord = r;
        }
      }
      if (!best) return;
      options.emit(best.shift());
    }
  };
  const finished = () => active.every((q) => q.done && q.size === 0);

  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
    let resolveDone: () => void = () => undefined;
    let rejectDone: (error: Error) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    const unassigned = [...queues.keys()].filter((p) => queues.get(p)?.done);
    await consumer.run({
      autoCommit: false,
      // Resolving moves kafkajs's fetch position (it fetches from the last resolved offset);
      // with autoCommit off, nothing is ever committed.
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, isRunning, isStale }) => {
        const q = queues.get(batch.partition);
        if (!q) {
          // A partition outside the ranges (a reader of some partitions only): stop fetching it.
          consumer.pause(topicPartitions([batch.partition]));
          return;
        }
        if (q.done || !isRunning() || isStale()) return;
        const messages: KafkaMessage[] = batch.messages;
        for (const message of messages) {
          const offset = BigInt(message.offset);
          if (offset < q.next) continue;
          if (offset >= q.range.end) {
            q.done = true;
            break;
          }
          q.next = offset + 1n;
          read++;
          const record: ExportRecord = {
            partition: batch.partition,
            offset: message.offset,
            timestamp: Number(message.timestamp),
            key: message.key ?? null,
            value: message.value ?? null,
            headers: message.headers,
          };
          if (options.keep(record)) q.items.push(record);
          if (q.next >= q.range.end) {
            q.done = true;
            break;
          }
        }
        if (!q.done && q.size > HIGH_WATER) {
          q.paused = true;
          consumer.pause(topicPartitions([batch.partition]));
        }
        merge();
        const resume = active.filter((p) => p.paused && !p.done && p.size < LOW_WATER);
        if (resume.length) {
          for (const p of resume) p.paused = false;
          consumer.resume(topicPartitions(resume.map((p) => p.range.partition)));
        }
        const finishedNow = active.filter((p) => p.done && !p.paused);
        if (finishedNow.length) {
          // Nothing more is wanted from a finished partition: stop fetching it.
          for (const p of finishedNow) p.paused = true;
          consumer.pause(topicPartitions(finishedNow.map((p) => p.range.partition)));
        }
        options.progress?.(read);
        try {
          await options.flush();
        } catch (error) {
          rejectDone(error as Error);
          return;
        }
        if (finished()) resolveDone();
      },
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) rejectDone(payload.error);
    });
    if (unassigned.length) {
      for (const p of unassigned) {
        const q = queues.get(p);
        if (q) q.paused = true;
      }
      consumer.pause(topicPartitions(unassigned));
    }
    // Seek each partition to its start. A seek kafkajs refuses (the group not joined yet, seen
    // under load) or a rebalance that forgets it only costs reading from the partition's
    // beginning: records before `next` are skipped above.
    for (const q of active) {
      if (q.done) continue;
      try {
        consumer.seek({
          topic: options.topic,
          partition: q.range.partition,
          offset: String(q.range.start),
        });
      } catch {
        // read from the beginning instead
      }
    }
    await done;
    merge();
    await options.flush();
    return read;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await deleteGroup(options.kafka, groupId);
  }
}

/** The throwaway group leaves nothing behind (it never committed, but the coordinator knows it). */
export async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await admin.deleteGroups([groupId]);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } catch {
    // The group holds no offsets; a leftover empty group expires on its own.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
