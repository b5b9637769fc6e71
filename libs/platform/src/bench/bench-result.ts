import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

/** Set by `npm run bench` (or by hand): where a benchmark writes its machine-readable result. */
export const BENCH_RESULT_FILE = 'BENCH_RESULT_FILE';

/** What one benchmark run reports beside its console output. */
export interface BenchResult {
  name: string;
  /** How it was run, e.g. `node dist/tools/bench/src/backbone.bench.js --runs 1`. */
  command: string;
  startedAt: string;
  finishedAt: string;
  parameters: Record<string, unknown>;
  figures: Record<string, unknown>;
  /** The broker and database the benchmark used, as it found them, for benches that use them. */
  environment?: Record<string, unknown>;
}

export interface BenchResultInput {
  name: string;
  startedAt: Date;
  parameters: Record<string, unknown>;
  figures: Record<string, unknown>;
  environment?: Record<string, unknown>;
}

/** Rounds for the JSON: figures carry the precision a reader can use, not float noise. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/**
 * Writes the result to the file named by BENCH_RESULT_FILE, if set, and returns its path. The
 * command and finish time are filled in here so that every benchmark reports them alike.
 */
export function writeBenchResult(input: BenchResultInput): string | undefined {
  const file = process.env[BENCH_RESULT_FILE];
  if (!file) return undefined;
  const result: BenchResult = {
    name: input.name,
    command: benchCommand(),
    startedAt: input.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    parameters: input.parameters,
    figures: input.figures,
    ...(input.environment && { environment: input.environment }),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

function benchCommand(): string {
  const script = relative(process.cwd(), process.argv[1] ?? '');
  return ['node', ...process.execArgv, script, ...process.argv.slice(2)].join(' ');
}
