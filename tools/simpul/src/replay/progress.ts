import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  /** Adds `n` done items. */
  increment(n: number): void;
  stop(): void;
}

const NON_TTY_EVERY_MS = 3000;

/**
 * A progress bar with ETA on stderr; when stderr is not a terminal (a log, CI), a plain line every
 * few seconds instead. `total` 0 shows nothing.
 */
export function progress(label: string, total: number, unit = 'events'): Progress {
  if (total <= 0) return { increment: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`,
        stream: process.stderr,
        etaBuffer: 50,
        hideCursor: true,
        clearOnComplete: true,
      },
      Presets.shades_classic,
    );
    const started = Date.now();
    let done = 0;
    bar.start(total, 0, { rate: 0 });
    return {
      increment: (n) => {
        done += n;
        const seconds = (Date.now() - started) / 1000;
        bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
      },
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  let done = 0;
  let lastLine = started;
  return {
    increment: (n) => {
      done += n;
      const now = Date.now();
      if (now - lastLine < NON_TTY_EVERY_MS) return;
      lastLine = now;
      const rate = done / ((now - started) / 1000);
      const eta = rate > 0 ? Math.round((total - done) / rate) : undefined;
      process.stderr.write(
        `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit} (${Math.round((100 * done) / total)}%), ${Math.round(rate).toLocaleString('en-US')}/s, ETA ${eta === undefined ? '?' : `${eta} s`}\n`,
      );
    },
    stop: () => undefined,
  };
}
