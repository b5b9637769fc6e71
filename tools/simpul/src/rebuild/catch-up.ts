import { SingleBar } from 'cli-progress';
import { type Admin, AssignerProtocol } from 'kafkajs';

export interface PartitionEnd {
  topic: string;
  partition: number;
  /** First offset kept (where a new group starts reading). */
  low: bigint;
  /** End offset when the rebuild started: the replica must have committed at least this. */
  high: bigint;
}

/** The end offsets of the topics, fixed now: what the replica has to read before the comparison. */
export async function captureEnds(
  admin: Admin,
  topics: readonly string[],
): Promise<PartitionEnd[]> {
  const existing = new Set(await admin.listTopics());
  const ends: PartitionEnd[] = [];
  for (const topic of topics) {
    if (!existing.has(topic)) continue; // never written to: nothing to read
    for (const offsets of await admin.fetchTopicOffsets(topic)) {
      ends.push({
        topic,
        partition: offsets.partition,
        low: BigInt(offsets.low),
        high: BigInt(offsets.high),
      });
    }
  }
  return ends;
}

export interface CatchUpProgress {
  /** Messages read so far (by committed offsets), out of `total`. */
  done: number;
  total: number;
}

/** How far the group is, by its committed offsets against the captured ends. */
export async function groupProgress(
  admin: Admin,
  groupId: string,
  ends: readonly PartitionEnd[],
): Promise<CatchUpProgress & { complete: boolean }> {
  const topics = [...new Set(ends.map((e) => e.topic))];
  const committed = new Map<string, bigint>();
  if (topics.length > 0) {
    for (const t of await admin.fetchOffsets({ groupId, topics })) {
      for (const p of t.partitions) committed.set(`${t.topic}:${p.partition}`, BigInt(p.offset));
    }
  }
  let done = 0n;
  let total = 0n;
  let complete = true;
  for (const end of ends) {
    if (end.high <= end.low) continue; // empty partition
    total += end.high - end.low;
    const at = committed.get(`${end.topic}:${end.partition}`) ?? -1n;
    const reached = at < end.low ? end.low : at > end.high ? end.high : at;
    done += reached - end.low;
    if (at < end.high) complete = false;
  }
  return { done: Number(done), total: Number(total), complete };
}

/** The topics the group's members are assigned now (what the service really subscribes to). */
export async function assignedTopics(admin: Admin, groupId: string): Promise<string[] | null> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  if (!group || group.state !== 'Stable' || group.members.length === 0) return null;
  const topics = new Set<string>();
  for (const member of group.members) {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    for (const topic of Object.keys(decoded?.assignment ?? {})) topics.add(topic);
  }
  return [...topics].sort();
}

/** A progress bar with ETA on a terminal; a line every few seconds otherwise (logs, CI). */
export function progressReporter(label: string, total: number) {
  const stream = process.stderr;
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    });
    bar.start(Math.max(total, 1), 0);
    return {
      update: (done: number) => bar.update(done),
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  let lastLine = 0;
  return {
    update: (done: number) => {
      const now = Date.now();
      if (now - lastLine < 5_000) return;
      lastLine = now;
      const rate = done / Math.max((now - started) / 1000, 0.001);
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
      stream.write(
        `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} events${eta === undefined ? '' : `, about ${eta} s left`}\n`,
      );
    },
    stop: () => undefined,
  };
}
