import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_RESULT_FILE, type BenchResult, roundTo } from '@simpul/platform';
import type { BenchDefinition } from './bench-list';
import { PrefixedOutput, Tail } from './prefixed-output';

/** One bench's part of a `npm run bench` run. */
export type BenchOutcome =
  | {
      name: string;
      status: 'ok';
      seconds: number;
      loadAverageAtStart: number[];
      result: BenchResult;
    }
  | {
      name: string;
      status: 'failed';
      seconds: number;
      loadAverageAtStart: number[];
      exitCode: number | null;
      signal: string | null;
      error: string;
      lastLines: string[];
      result?: BenchResult;
    }
  | {
      /** Ran and exited 0 but wrote no result: its last lines keep what it printed. */
      name: string;
      status: 'no-result';
      seconds: number;
      loadAverageAtStart: number[];
      note: string;
      lastLines: string[];
    }
  | { name: string; status: 'skipped'; note: string };

interface RunContext {
  root: string;
  resultDir: string;
  prefix: string;
}

interface Exit {
  exitCode: number | null;
  signal: string | null;
  error?: string;
}

/** Runs one built bench as `node <script>` with its output prefixed, and reads the result it wrote. */
export async function runBench(
  bench: BenchDefinition,
  context: RunContext,
): Promise<Exclude<BenchOutcome, { status: 'skipped' }>> {
  const resultFile = join(context.resultDir, `${bench.name}.json`);
  const loadAverageAtStart = loadavg().map((load) => roundTo(load, 2));
  const started = performance.now();
  const tail = new Tail(20);
  const exit = await runChild(bench.script, resultFile, context, tail);
  const seconds = roundTo((performance.now() - started) / 1000, 1);
  const { result, unreadable } = readResult(resultFile);
  const succeeded = exit.exitCode === 0 && !exit.error;
  if (succeeded && result) {
    return { name: bench.name, status: 'ok', seconds, loadAverageAtStart, result };
  }
  if (succeeded && !unreadable) {
    const note = `ran, but wrote no result to ${BENCH_RESULT_FILE}`;
    const lastLines = tail.lines();
    return { name: bench.name, status: 'no-result', seconds, loadAverageAtStart, note, lastLines };
  }
  const error = exit.error ?? unreadable ?? `exited with ${exit.exitCode ?? exit.signal}`;
  return {
    name: bench.name,
    status: 'failed',
    seconds,
    loadAverageAtStart,
    ...exit,
    error,
    lastLines: tail.lines(),
    ...(result && { result }),
  };
}

async function runChild(
  script: string,
  resultFile: string,
  { root, prefix }: RunContext,
  tail: Tail,
): Promise<Exit> {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, [BENCH_RESULT_FILE]: resultFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = new PrefixedOutput(prefix, process.stdout, tail);
  const stderr = new PrefixedOutput(prefix, process.stderr, tail);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => stdout.write(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.write(chunk));
  try {
    // 'close' rather than 'exit': every line the child printed has been read by then.
    const [exitCode, signal] = (await once(child, 'close')) as [number | null, string | null];
    return { exitCode, signal };
  } catch (error) {
    return { exitCode: null, signal: null, error: `could not start: ${(error as Error).message}` };
  } finally {
    stdout.end();
    stderr.end();
  }
}

function readResult(file: string): { result?: BenchResult; unreadable?: string } {
  if (!existsSync(file)) return {};
  try {
    return { result: JSON.parse(readFileSync(file, 'utf8')) as BenchResult };
  } catch (error) {
    return { unreadable: `wrote an unreadable result: ${(error as Error).message}` };
  }
}
