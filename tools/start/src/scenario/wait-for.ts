export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until it returns a value (anything but undefined), then returns it. On timeout
 * it throws naming what did not happen, with the probe's last word on why (`lastSeen`).
 */
export async function waitFor<T>(
  what: string,
  probe: (note: (seen: string) => void) => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 100 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastSeen = '';
  const note = (seen: string) => (lastSeen = seen);
  for (;;) {
    const value = await probe(note);
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      const seconds = Math.round(timeoutMs / 100) / 10;
      throw new Error(
        `scenario: ${what} did not happen within ${seconds} s${lastSeen ? ` (last seen: ${lastSeen})` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
