import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** CPU ticks (user + system) of every process on the machine, by pid. Empty where there is no /proc. */
export type CpuSnapshot = Map<number, number>;

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/**
 * User + system ticks from the text of `/proc/<pid>/stat`. The command name (field 2) may hold
 * spaces and parentheses, so fields are counted after its last ')'.
 */
export function ticksFromStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
  return Number(fields[11]) + Number(fields[12]);
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended meanwhile
  }
}

export function snapshotCpu(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  if (!existsSync('/proc/self/stat')) return snapshot;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (stat) snapshot.set(Number(entry), ticksFromStat(stat));
  }
  return snapshot;
}

/** The command line of a process, for classifying it ('' when it is gone). */
export function commandLine(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ').trim();
}

/** A Kafka broker's JVM (the local launcher's, or one started by Kafka's own scripts). */
export function isKafkaBroker(pid: number): boolean {
  return commandLine(pid).includes('kafka.Kafka');
}

/**
 * CPU seconds per class between two snapshots. A process that started after `before` counts whole;
 * one that ended before `after` is missed, so take `after` while the processes of interest live.
 * `classify` names a process's class, or undefined to leave it out.
 */
export function cpuByClass(
  before: CpuSnapshot,
  after: CpuSnapshot,
  classify: (pid: number) => string | undefined,
): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const [pid, ticks] of after) {
    const delta = ticks - (before.get(pid) ?? 0);
    if (delta <= 0) continue;
    const name = classify(pid);
    if (name === undefined) continue;
    seconds.set(name, (seconds.get(name) ?? 0) + delta / TICKS_PER_SECOND);
  }
  return seconds;
}

/**
 * One line: each class's share of the CPU used, largest first, and how busy the machine's cores
 * were over `wallSeconds`.
 */
export function describeCpu(seconds: Map<string, number>, wallSeconds: number): string {
  const used = [...seconds.values()].reduce((sum, s) => sum + s, 0);
  if (used === 0) return 'CPU by process: not available here (no /proc)';
  const shares = [...seconds]
    .sort((a, b) => b[1] - a[1])
    .map(([name, s]) => `${name} ${Math.round((s / used) * 100)} %`)
    .join(', ');
  const busy = Math.round((used / (wallSeconds * availableParallelism())) * 100);
  return `CPU by process: ${shares}; ${used.toFixed(2)} CPU-s, ${busy} % of ${availableParallelism()} cores`;
}
