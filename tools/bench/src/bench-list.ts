/** A benchmark `npm run bench` runs: its built script, run from the workspace root. */
export interface BenchDefinition {
  name: string;
  script: string;
  /** Run only when built: a bench still being written is skipped with a note, not failed. */
  optional?: boolean;
}

/** In-process benches first: they finish in seconds and need no broker or database. */
export const BENCHES: readonly BenchDefinition[] = [
  { name: 'validation', script: 'dist/tools/bench/src/validation.bench.js' },
  { name: 'matching', script: 'dist/services/orders/src/bench/matching.bench.js' },
  { name: 'dispatch', script: 'dist/services/logistics/src/bench/dispatch.bench.js' },
  { name: 'backbone', script: 'dist/tools/bench/src/backbone.bench.js' },
  { name: 'pricing', script: 'dist/tools/bench/src/pricing.bench.js' },
  { name: 'webhooks', script: 'dist/tools/bench/src/webhooks.bench.js' },
  { name: 'export', script: 'dist/tools/bench/src/export.bench.js' },
  { name: 'flow', script: 'dist/tools/bench/src/flow.bench.js', optional: true },
];
