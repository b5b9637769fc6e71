const number = new Intl.NumberFormat('en-US');

export const fmt = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : number.format(Math.round(value));

export const idr = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `Rp ${number.format(Math.round(value))}`;

export const pct = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? '—' : `${value.toFixed(digits)}%`;

export const time = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '—';

// The tail: UUIDv7 ids made in the same millisecond share their first characters.
export const short = (id: string): string => id.slice(-8);
