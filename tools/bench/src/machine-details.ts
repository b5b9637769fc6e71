import { execFileSync } from 'node:child_process';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { roundTo } from '@simpul/platform';
import type { BenchOutcome } from './bench-child';

/** What the figures depend on besides the code: the machine, Node, the broker and the database. */
export function machineDetails(root: string, outcomes: readonly BenchOutcome[]) {
  const cores = cpus();
  return {
    cpu: { model: cores[0]?.model.trim() ?? 'unknown', count: cores.length },
    memoryBytes: totalmem(),
    memoryGiB: roundTo(totalmem() / 2 ** 30, 1),
    os: { platform: platform(), release: release(), arch: arch() },
    node: process.version,
    kafka: reported(outcomes, 'kafka'),
    postgres: reported(outcomes, 'postgres'),
    git: gitState(root),
  };
}

export type MachineDetails = ReturnType<typeof machineDetails>;

/** The broker or database as the first bench that used one reported it (null if none did). */
function reported(outcomes: readonly BenchOutcome[], key: 'kafka' | 'postgres') {
  for (const outcome of outcomes) {
    const found = 'result' in outcome && outcome.result?.environment?.[key];
    if (found) return found as { version: string; source: string };
  }
  return null;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null; // not a git checkout, or git is not installed
  }
}

/** The commit measured, and whether the working tree differed from it. */
function gitState(root: string) {
  const commit = git(root, ['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(root, ['status', '--porcelain']);
  return { commit, uncommittedChanges: status === null ? null : status !== '' };
}
