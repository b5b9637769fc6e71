type Stop = () => Promise<void>;

/** Stops only what global setup started; a broker or database that was already running stays up. */
export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as typeof globalThis & { __simpulStops?: Stop[] }).__simpulStops ?? [];
  for (const stop of stops.reverse()) await stop();
}
