/**
 * Quantities inside the engine are integers in thousandths of their unit (grams for kg), so
 * that shares, sums and comparisons are exact and a replay gives the same numbers bit for bit.
 */
export type Qty = number;

export const QTY_SCALE = 1000;

export function toQty(amount: number): Qty {
  return Math.round(amount * QTY_SCALE);
}

export function fromQty(qty: Qty): number {
  return qty / QTY_SCALE;
}

/** The largest multiple of `unit` not above `qty`. */
export function wholeUnits(qty: Qty, unit: Qty): Qty {
  return Math.floor(qty / unit) * unit;
}

export function formatQty(qty: Qty, unit: string): string {
  return `${fromQty(qty).toLocaleString('en-US')} ${unit}`;
}

export function formatIdr(idr: number): string {
  return idr.toLocaleString('en-US');
}
