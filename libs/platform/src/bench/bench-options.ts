import { parseArgs } from 'node:util';

/**
 * Whole-number options of a benchmark, by argv (`--lines 5000`) or environment
 * (`BENCH_LINES=5000`), each at least 1 except `warmup`, `seed` and those named in `mayBeZero`.
 */
export function parseBenchOptions<K extends string>(
  defaults: Record<K, number>,
  mayBeZero: readonly NoInfer<K>[] = [],
): Record<K, number> {
  const names = Object.keys(defaults) as K[];
  const { values } = parseArgs({
    options: Object.fromEntries(
      names.map((name) => [
        name,
        {
          type: 'string' as const,
          default: process.env[`BENCH_${name.toUpperCase()}`] ?? String(defaults[name]),
        },
      ]),
    ),
  });
  const options = {} as Record<K, number>;
  for (const name of names) {
    const value = Number(values[name]);
    const least = name === 'warmup' || name === 'seed' || mayBeZero.includes(name) ? 0 : 1;
    if (!Number.isInteger(value) || value < least) {
      throw new Error(`--${name} takes a whole number of at least ${least}`);
    }
    options[name] = value;
  }
  return options;
}
