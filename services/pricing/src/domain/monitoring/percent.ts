/**
 * Change from `from` to `to` in percent, at full precision. Multiplying before dividing keeps
 * integer inputs exact, so 105,000 against 100,000 is exactly 5, not 5.000000000000001.
 */
export function percentChange(from: number | null, to: number | null): number | null {
  if (from === null || to === null || from === 0) return null;
  return ((to - from) * 100) / from;
}

/** Float noise tolerated when a figure is compared with a threshold ("strictly above"). */
const EPSILON = 1e-9;

export function isAbove(value: number, threshold: number): boolean {
  return value > threshold + EPSILON;
}

/** A percentage for a message, unsigned (messages say "rose" or "below"): 12.4, 5.01, 20. */
export function formatPercent(value: number): string {
  return String(Number(Math.abs(value).toFixed(2)));
}

/** Whole rupiah with thousands separators, independent of the runtime's locale data. */
export function formatIdr(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
