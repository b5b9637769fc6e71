/**
 * The fuzz suites' knobs. `npm test` runs them with the fixed seed and a few runs per endpoint
 * or consumer; `FUZZ_RUNS=5000 npm run test:fuzz` runs them longer, `FUZZ_SEED=<n>` with another
 * seed (a failure prints the seed and path that replay it).
 */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20261129);
/** Property runs per HTTP endpoint (and malformed messages per consumer topic, ÷ 4). */
export const FUZZ_RUNS = Number(process.env['FUZZ_RUNS'] ?? 12);

/** fast-check parameters: the seed, and a path to replay one failing case (FUZZ_PATH). */
export function fuzzParameters(runs = FUZZ_RUNS): { seed: number; numRuns: number; path?: string } {
  const path = process.env['FUZZ_PATH'];
  return { seed: FUZZ_SEED, numRuns: runs, ...(path ? { path } : {}) };
}

/** Jest timeout for a suite that does `runs` property runs of about `perRunMs` each. */
export function fuzzTimeout(runs: number, perRunMs: number, fixedMs = 60_000): number {
  return fixedMs + runs * perRunMs;
}
