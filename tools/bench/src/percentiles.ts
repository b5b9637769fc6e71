export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** The value at quantile `q` (0–1) of ascending `sorted` values: the nearest rank at or below. */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export function percentiles(sorted: readonly number[]): Percentiles {
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}
