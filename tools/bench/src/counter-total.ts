import type { Counter } from 'prom-client';

/** The sum of a prom-client counter over the series whose labels include all of `labels`. */
export async function counterTotal<T extends string>(
  counter: Counter<T>,
  labels: Partial<Record<T, string>>,
): Promise<number> {
  const { values } = await counter.get();
  const wanted = Object.entries(labels) as Array<[T, string]>;
  return values
    .filter((v) => wanted.every(([name, value]) => v.labels[name] === value))
    .reduce((sum, v) => sum + v.value, 0);
}
