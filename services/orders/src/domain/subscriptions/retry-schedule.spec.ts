import fc from 'fast-check';
import { afterFailure, retryDelayMs, type RetrySchedule } from './retry-schedule';

const schedule: RetrySchedule = { baseMs: 1_000, maxDelayMs: 60_000, periodMs: 3_600_000 };

describe('webhook retry schedule', () => {
  it('waits about the base first, then about twice as long each time', () => {
    expect(retryDelayMs(schedule, 1, 0)).toBe(500);
    expect(retryDelayMs(schedule, 1, 1)).toBe(1_000);
    expect(retryDelayMs(schedule, 2, 0)).toBe(1_000);
    expect(retryDelayMs(schedule, 4, 1)).toBe(8_000);
  });

  it('never waits longer than the maximum', () => {
    expect(retryDelayMs(schedule, 30, 1)).toBe(60_000);
    expect(retryDelayMs(schedule, 1_000, 0.5)).toBe(45_000);
  });

  it('makes every wait at least as long as the one before until the maximum, whatever the jitter', () => {
    // Steps 1, 2, 4 … 32 s stay under the 60 s maximum: attempts 1 to 6.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r1, r2) =>
          retryDelayMs(schedule, attempt + 1, r2) >= retryDelayMs(schedule, attempt, r1),
      ),
    );
  });

  it('gives up once the next attempt would fall after the retry period', () => {
    const queuedAt = new Date('2026-11-29T00:00:00Z');
    const early = afterFailure(schedule, queuedAt, 3, new Date('2026-11-29T00:00:10Z'), 0.5);
    expect(early).toEqual({ kind: 'retry', at: new Date('2026-11-29T00:00:13Z') });
    const late = afterFailure(schedule, queuedAt, 40, new Date('2026-11-29T00:59:30Z'), 0.5);
    expect(late.kind).toBe('give-up');
    if (late.kind === 'give-up') expect(late.reason).toMatch(/retry period is 3600 s/);
  });
});
