/*
 * Each bench's headline figure and the aim its issue set, read from the figures the bench wrote.
 * The flow bench is expected to report `requestsPerSecond` (peak, matched and planned),
 * `shareOfRawPercent` and `halfPeakP99RequestToOrderMs` among its figures.
 */

export interface Headline {
  figure: string;
  /** Undefined where the issue sets no aim. */
  met?: boolean;
}

/** Reads a number from a bench's figures by dotted path; throws MissingFigure if it is absent. */
export type FigureReader = (path: string) => number;

export class MissingFigure extends Error {
  constructor(readonly path: string) {
    super(`no figure "${path}" in the result`);
  }
}

interface Aim {
  aim: string;
  headline: (at: FigureReader) => Headline;
}

const fmt = (value: number, decimals = 0) =>
  value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });

export const AIMS: Record<string, Aim> = {
  validation: {
    aim: 'none set; the cost behind the backbone figure',
    headline: (at) => ({
      figure: `${fmt(at('validateMicrosPerEvent'), 1)} µs/event to parse and validate (${fmt(at('eventsPerSecondOneCore'))} events/s on one core)`,
    }),
  },
  matching: {
    aim: '≥ 200,000 ops/s and p99 < 1 ms (#4)',
    headline: (at) => {
      const [ops, p99] = [at('engineOpsPerSecond'), at('overall.p99Micros')];
      return {
        figure: `${fmt(ops)} ops/s (engine; wall ${fmt(at('wallOpsPerSecond'))}), p99 ${fmt(p99, 1)} µs`,
        met: ops >= 200_000 && p99 < 1_000,
      };
    },
  },
  dispatch: {
    aim: 'figures only (#5)',
    headline: (at) => ({
      figure: `median ${fmt(at('medianMs'), 1)} ms, p95 ${fmt(at('p95Ms'), 1)} ms; ${fmt(at('plannedLines'))} of ${fmt(at('lines'))} lines on ${fmt(at('loads'))} loads, binding fill ${fmt(at('fillPercent.all loads.bindingMean'), 1)} %`,
    }),
  },
  backbone: {
    aim: '≥ 5,000 events/s and ≥ 30 % of raw (#2)',
    headline: (at) => {
      const [rate, share] = [at('batch.eventsPerSecond'), at('batch.shareOfRawPercent')];
      return {
        figure: `${fmt(rate)} events/s with the batch handler (${fmt(share, 1)} % of raw); per-event ${fmt(at('perEvent.eventsPerSecond'))}/s; raw ${fmt(at('raw.eventsPerSecond'))}/s; commit → applied p99 ${fmt(at('latency.p99Ms'))} ms at ${fmt(at('latency.eventsPerSecond'))} events/s`,
        met: rate >= 5_000 && share >= 30,
      };
    },
  },
  pricing: {
    aim: '≥ 20,000 observations/s (#6)',
    headline: (at) => {
      const rate = at('observationsPerSecond');
      return {
        figure: `${fmt(rate)} observations/s (${fmt(at('seconds'), 1)} s, ${fmt(at('series'))} series kept current)`,
        met: rate >= 20_000,
      };
    },
  },
  webhooks: {
    aim: 'figures only (#8); every event once, in order per order',
    headline: (at) => ({
      figure: `${fmt(at('deliveriesPerSecond'))} signed deliveries/s to a loopback receiver (backlog); p99 publish → received ${fmt(at('pacedLatencyMs.p99'))} ms at ${fmt(at('pacedEventsPerSecond'))} events/s; ${fmt(at('duplicates'))} duplicates, ${fmt(at('outOfOrder'))} out of order`,
    }),
  },
  export: {
    aim: '≥ 50,000 events/s to NDJSON (#9)',
    headline: (at) => {
      const rate = at('ndjson.eventsPerSecond');
      return {
        figure: `${fmt(rate)} events/s to NDJSON, ${fmt(at('csv.eventsPerSecond'))} to CSV, ${fmt(at('parquet.eventsPerSecond'))} to Parquet (${fmt(at('events'))} events, median of runs)`,
        met: rate >= 50_000,
      };
    },
  },
  flow: {
    aim: '≥ 1,000 requests/s, ≥ 25 % of raw, p99 request→order < 500 ms at half peak (#7)',
    headline: (at) => {
      const rate = at('requestsPerSecond');
      const share = at('shareOfRawPercent');
      const p99 = at('halfPeakP99RequestToOrderMs');
      return {
        figure: `${fmt(rate)} requests/s matched and planned (${fmt(share, 1)} % of raw); p99 request→order ${fmt(p99)} ms at half peak`,
        met: rate >= 1_000 && share >= 25 && p99 < 500,
      };
    },
  },
};

/** A reader over one result's figures. */
export function figureReader(figures: Record<string, unknown>): FigureReader {
  return (path) => {
    const value = path
      .split('.')
      .reduce<unknown>(
        (node, key) =>
          node !== null && typeof node === 'object'
            ? (node as Record<string, unknown>)[key]
            : undefined,
        figures,
      );
    if (typeof value !== 'number') throw new MissingFigure(path);
    return value;
  };
}
