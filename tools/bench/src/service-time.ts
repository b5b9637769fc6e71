/**
 * Where a run's time went inside the services, from their own Prometheus metrics: seconds spent
 * applying event chunks (per consumer group and topic, `simpul_event_handler_duration_seconds`)
 * and answering HTTP (per method and route, `simpul_http_request_duration_seconds`). A snapshot
 * before and one after a run give the run's share. These are wall-clock seconds, waits on locks,
 * the database and the broker included — the time a request spends in each stage — not CPU.
 */

/** One stage's total: how many chunks or requests, and their summed seconds. */
export interface StageTime {
  count: number;
  seconds: number;
}

/** Stage name (`orders · consume orders.matching.v1`, `orders · POST /purchase-requests`) → total. */
export type ServiceTimes = Map<string, StageTime>;

const FAMILIES = [
  {
    prefix: 'simpul_event_handler_duration_seconds',
    stage: (l: Labels) => `consume ${l['topic']}`,
  },
  {
    prefix: 'simpul_http_request_duration_seconds',
    stage: (l: Labels) => `${l['method']} ${l['route']}`,
  },
];

type Labels = Record<string, string>;

/** The `_sum` and `_count` samples of the two families, summed over the other labels (status). */
export function parseServiceTimes(service: string, metricsText: string, into: ServiceTimes): void {
  for (const line of metricsText.split('\n')) {
    for (const family of FAMILIES) {
      const match = new RegExp(`^${family.prefix}_(sum|count)\\{([^}]*)\\} (\\S+)$`).exec(line);
      if (!match) continue;
      const labels: Labels = {};
      for (const [, name, value] of match[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        labels[name] = value;
      const key = `${service} · ${family.stage(labels)}`;
      const stage = into.get(key) ?? { count: 0, seconds: 0 };
      if (match[1] === 'sum') stage.seconds += Number(match[3]);
      else stage.count += Number(match[3]);
      into.set(key, stage);
    }
  }
}

/** Reads `/metrics` of every service (public, as Prometheus scrapes it). */
export async function snapshotServiceTimes(urls: Record<string, string>): Promise<ServiceTimes> {
  const times: ServiceTimes = new Map();
  for (const [service, url] of Object.entries(urls)) {
    const response = await fetch(`${url}/metrics`);
    if (response.status !== 200) throw new Error(`${url}/metrics: ${response.status}`);
    parseServiceTimes(service, await response.text(), times);
  }
  return times;
}

/** What happened between two snapshots, largest total first; stages with nothing left out. */
export function serviceTimeBetween(
  before: ServiceTimes,
  after: ServiceTimes,
): { stage: string; count: number; seconds: number; meanMs: number }[] {
  return [...after]
    .map(([stage, total]) => {
      const earlier = before.get(stage) ?? { count: 0, seconds: 0 };
      const count = total.count - earlier.count;
      const seconds = total.seconds - earlier.seconds;
      return { stage, count, seconds, meanMs: count > 0 ? (seconds / count) * 1000 : 0 };
    })
    .filter((s) => s.count > 0)
    .sort((a, b) => b.seconds - a.seconds);
}

/** The stages of a run as lines for the console: the `top` largest totals. */
export function formatServiceTime(
  label: string,
  stages: ReturnType<typeof serviceTimeBetween>,
  top = 10,
): string {
  const lines = stages
    .slice(0, top)
    .map(
      (s) =>
        `  ${s.stage.padEnd(58)} ${String(s.count).padStart(7)} × ${s.meanMs.toFixed(1).padStart(7)} ms = ${s.seconds.toFixed(1).padStart(6)} s`,
    );
  return [`${label}: time in the services (wall clock, from /metrics)`, ...lines].join('\n');
}
