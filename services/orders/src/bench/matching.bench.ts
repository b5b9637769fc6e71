import { writeBenchResult, parseBenchOptions } from '@simpul/platform';
import { MatchingWorkload, OPERATION_KINDS, type Operation } from './matching-workload';

/*
 * In-process benchmark of the matching engine: a seeded stream of operations over one engine per
 * commodity, each apply() timed alone. Input generation and the driver's bookkeeping are not
 * in the latencies; the wall-clock rate, which includes them, is printed beside.
 */

interface Options {
  operations: number;
  warmup: number;
  seed: number;
  commodities: number;
  offers: number;
}

/** Options by argv or environment (see parseBenchOptions). */
function parseOptions(): Options {
  return parseBenchOptions({
    operations: 500_000,
    warmup: 50_000,
    seed: 20260901,
    commodities: 20,
    offers: 10_000,
  });
}

/** Latency of every measured operation in nanoseconds, with the index of its kind. */
class Latencies {
  readonly nanos: Float64Array;
  readonly kinds: Uint8Array;
  count = 0;
  orders = 0;
  lines = 0;

  constructor(capacity: number) {
    this.nanos = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }

  record(kind: number, nanos: number): void {
    this.nanos[this.count] = nanos;
    this.kinds[this.count] = kind;
    this.count += 1;
  }

  /** Sorted latencies of one kind, or of all operations when `kind` is null. */
  sorted(kind: number | null): Float64Array {
    const picked = kind === null ? this.nanos.slice(0, this.count) : this.ofKind(kind);
    return picked.sort();
  }

  private ofKind(kind: number): Float64Array {
    const picked: number[] = [];
    for (let i = 0; i < this.count; i++) if (this.kinds[i] === kind) picked.push(this.nanos[i]);
    return Float64Array.from(picked);
  }
}

const KIND_INDEX = new Map(OPERATION_KINDS.map((kind, i) => [kind, i]));

/** Applies `count` operations; times each apply() when `latencies` is given. */
function drive(workload: MatchingWorkload, count: number, latencies?: Latencies): void {
  for (let i = 0; i < count; i++) {
    const operation: Operation = workload.next();
    const context = workload.context();
    const started = process.hrtime.bigint();
    const outcomes = operation.market.engine.apply(operation.input, context);
    const nanos = Number(process.hrtime.bigint() - started);
    if (latencies) {
      latencies.record(KIND_INDEX.get(operation.kind) as number, nanos);
      for (const outcome of outcomes) {
        if (outcome.kind !== 'order-confirmed') continue;
        latencies.orders += 1;
        latencies.lines += outcome.lines.length;
      }
    }
    workload.follow(operation.market, outcomes);
  }
}

const micros = (nanos: number) => (nanos / 1_000).toFixed(1);
const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const thousands = (n: number) => n.toLocaleString('en-US');

/** Count and latencies in nanoseconds of one sorted set of operations. */
interface Spread {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

function spread(sorted: Float64Array): Spread {
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

function row(label: string, s: Spread, total: number): string {
  const cells = [
    thousands(s.count).padStart(9),
    `${((s.count / total) * 100).toFixed(1)}%`.padStart(7),
    micros(s.mean).padStart(9),
    micros(s.p50).padStart(8),
    micros(s.p99).padStart(8),
    micros(s.max).padStart(9),
  ];
  return `${label.padEnd(20)} ${cells.join(' ')}`;
}

/** What the run measured, for the console report and the JSON result alike. */
interface Measured {
  overall: Spread;
  byKind: Map<string, Spread>;
  engineNanos: number;
  wallNanos: number;
  orders: number;
  lines: number;
}

function measure(latencies: Latencies, wallNanos: number): Measured {
  const all = latencies.sorted(null);
  const byKind = new Map<string, Spread>();
  OPERATION_KINDS.forEach((kind, i) => {
    const sorted = latencies.sorted(i);
    if (sorted.length > 0) byKind.set(kind, spread(sorted));
  });
  const engineNanos = all.reduce((a, b) => a + b, 0);
  const { orders, lines } = latencies;
  return { overall: spread(all), byKind, engineNanos, wallNanos, orders, lines };
}

function report(m: Measured): void {
  const total = m.overall.count;
  console.log(
    `\n${'operation'.padEnd(20)}     count   share   mean µs   p50 µs   p99 µs    max µs`,
  );
  for (const [kind, s] of m.byKind) console.log(row(kind, s, total));
  console.log(row('all operations', m.overall, total));
  const rate = (nanos: number) => thousands(Math.round(total / (nanos / 1e9)));
  console.log(
    `\nengine: ${rate(m.engineNanos)} operations/s (sum of apply() times, ${(m.engineNanos / 1e9).toFixed(2)} s)`,
  );
  console.log(
    `wall:   ${rate(m.wallNanos)} operations/s (with input generation, ${(m.wallNanos / 1e9).toFixed(2)} s)`,
  );
  console.log(
    `${thousands(m.orders)} orders confirmed with ${thousands(m.lines)} allocation lines`,
  );
}

const inMicros = (s: Spread) => ({
  count: s.count,
  meanMicros: Math.round(s.mean) / 1_000,
  p50Micros: Math.round(s.p50) / 1_000,
  p99Micros: Math.round(s.p99) / 1_000,
  maxMicros: Math.round(s.max) / 1_000,
});

function saveResult(startedAt: Date, options: Options, m: Measured): void {
  const perSecond = (nanos: number) => Math.round(m.overall.count / (nanos / 1e9));
  writeBenchResult({
    name: 'matching',
    startedAt,
    parameters: { ...options },
    figures: {
      engineOpsPerSecond: perSecond(m.engineNanos),
      wallOpsPerSecond: perSecond(m.wallNanos),
      engineSeconds: Math.round(m.engineNanos / 1e6) / 1e3,
      wallSeconds: Math.round(m.wallNanos / 1e6) / 1e3,
      ordersConfirmed: m.orders,
      allocationLines: m.lines,
      overall: inMicros(m.overall),
      byKind: Object.fromEntries([...m.byKind].map(([kind, s]) => [kind, inMicros(s)])),
    },
  });
}

function bookSummary(workload: MatchingWorkload): string {
  let resting = 0;
  let waiting = 0;
  for (const { engine } of workload.markets) {
    resting += engine.book.byPrice.length;
    waiting += engine.book.requests.size;
  }
  return `${thousands(resting)} offers with stock, ${thousands(waiting)} requests waiting`;
}

function main(): void {
  const startedAt = new Date();
  const options = parseOptions();
  const workload = new MatchingWorkload(options.seed, options.commodities);
  workload.seed(Math.ceil(options.offers / options.commodities));
  console.log(
    `matching benchmark: ${options.commodities} commodities, seed ${options.seed}, ${thousands(options.warmup)} warm-up + ${thousands(options.operations)} measured operations; ${process.version}`,
  );
  console.log(`book at start:       ${bookSummary(workload)}`);
  drive(workload, options.warmup);
  console.log(`book after warm-up:  ${bookSummary(workload)}`);
  const latencies = new Latencies(options.operations);
  const started = process.hrtime.bigint();
  drive(workload, options.operations, latencies);
  const wallNanos = Number(process.hrtime.bigint() - started);
  console.log(`book at end:         ${bookSummary(workload)}`);
  const measured = measure(latencies, wallNanos);
  report(measured);
  saveResult(startedAt, options, measured);
}

main();
