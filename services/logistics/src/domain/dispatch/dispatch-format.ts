import type { Instant } from './dispatch-types';

export const HOUR_MS = 3_600_000;

/** Minute precision reads better in messages to operators: 2026-09-02T12:00Z. */
export const formatInstant = (at: Instant): string =>
  Number.isFinite(at) ? `${new Date(at).toISOString().slice(0, 16)}Z` : String(at);

/** Locale-free so that messages are identical on every machine. */
export const formatAmount = (value: number, unit: string): string =>
  `${Number(value.toFixed(value < 10 ? 3 : 1))} ${unit}`;

export const formatHours = (ms: number): string => `${Number((ms / HOUR_MS).toFixed(1))} h`;
