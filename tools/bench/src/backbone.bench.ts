import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TOPICS } from '@simpul/contracts';
import {
  createKafka,
  EventPublisher,
  messagingMetrics,
  OutboxRelay,
  provisionTopics,
  TopicNamer,
} from '@simpul/messaging';
import {
  appendToOutbox,
  createDataSource,
  dropDatabase,
  ensureDatabase,
  withDatabaseName,
} from '@simpul/persistence';
import { roundTo, writeBenchResult } from '@simpul/platform';
import { provideKafka, providePostgres, uniqueId } from '@simpul/testing';
import { type Kafka, Partitioners } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { ConsumerRole } from './bench-consumer';
import { benchEnvironment } from './bench-environment';
import { counterTotal } from './counter-total';
import { percentiles } from './percentiles';
import { commandLine, cpuByClass, describeCpu, isKafkaBroker, snapshotCpu } from './process-cpu';
import { sampleOutboxRecords } from './sample-events';

const quiet = {
  log: () => undefined,
  warn: (m: unknown) => console.warn(String(m)),
  error: (m: unknown) => console.error(String(m)),
};

interface Setup {
  kafka: Kafka;
  brokers: string;
  dataSource: DataSource;
  dbUrl: string;
  events: number;
  txSize: number;
  writers: number;
}

/** Starts the consuming side in its own process and resolves once it has joined its group. */
function startConsumer(
  role: ConsumerRole,
  env: Record<string, string>,
  onLine: (line: string) => void,
): Promise<ChildProcess> {
  // Node flags (e.g. --cpu-prof) apply to the consumer process too.
  const child = spawn(
    process.execPath,
    [...process.execArgv, join(__dirname, 'bench-consumer.js')],
    {
      env: { ...process.env, BENCH_ROLE: role, KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') resolve(child);
        else onLine(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`bench consumer (${role}) exited with ${code}`)));
  });
}

/** Waits until `done` reaches `total`; on a terminal, shows the count as it goes. */
async function until(
  label: string,
  total: number,
  done: () => Promise<number> | number,
): Promise<void> {
  const tty = process.stdout.isTTY;
  let shown = -1;
  for (;;) {
    const count = await done();
    if (tty && count !== shown) process.stdout.write(`\r  ${label}: ${count}/${total}`);
    shown = count;
    if (count >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (tty) process.stdout.write('\n');
}

const RAW_BATCH = 1000;
/** Events a second in the latency run: a steady trickle, far below what the backbone carries. */
const LATENCY_RATE = 50;

const elapsed = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** A fresh effect table, and an empty outbox and inbox. */
async function resetTables(dataSource: DataSource): Promise<void> {
  await dataSource.query('DROP TABLE IF EXISTS bench_applied');
  await dataSource.query(
    `CREATE TABLE bench_applied (offer_id uuid PRIMARY KEY, price bigint NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  );
  await dataSource.query('TRUNCATE outbox, inbox');
}

/**
 * A fresh topic, tables and consumer process, and an outbox relay (not started) to feed them.
 * `applied()` is the count of events the consumer process reports applied and committed.
 */
async function pipeline(
  setup: Setup,
  role: 'per-event' | 'batch',
  prefix: string,
): Promise<{
  relay: OutboxRelay;
  applied: () => number;
  consumerPid: number;
  stop: () => Promise<void>;
}> {
  const namer = new TopicNamer(`${prefix}${uniqueId()}.`);
  await provisionTopics(setup.kafka, [TOPICS.catalogOffers], { namer, logger: quiet });
  await resetTables(setup.dataSource);
  let applied = 0;
  const child = await startConsumer(
    role,
    { BENCH_BROKERS: setup.brokers, BENCH_DB_URL: setup.dbUrl, BENCH_PREFIX: namer.prefix },
    (line) => {
      if (line.startsWith('applied ')) applied = Number(line.slice(8));
    },
  );
  const publisher = new EventPublisher(setup.kafka, namer);
  await publisher.connect();
  // As the services run it: polls every 50 ms, woken by this process's commits at most every 10 ms.
  const relay = new OutboxRelay(setup.dataSource, publisher, { logger: quiet });
  return {
    relay,
    applied: () => applied,
    consumerPid: child.pid as number,
    stop: async () => {
      child.kill('SIGTERM');
      await relay.stop();
      await publisher.disconnect();
    },
  };
}

/**
 * Names the processes of a run for the CPU breakdown: this process (writers and relay), the
 * consumer process, the database backends of each (by application name) and the broker.
 */
async function classifier(
  setup: Setup,
  consumerPid: number,
): Promise<(pid: number) => string | undefined> {
  const backends: Array<{ pid: number; application_name: string }> = await setup.dataSource.query(
    'SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database()',
  );
  const apps = new Map(backends.map((b) => [b.pid, b.application_name]));
  return (pid) => {
    if (pid === process.pid) return 'writers+relay';
    if (pid === consumerPid) return 'consumer';
    const app = apps.get(pid);
    if (app === 'bench') return 'postgres (writers+relay)';
    if (app?.startsWith('bench-')) return 'postgres (consumer)';
    if (commandLine(pid).startsWith('postgres')) return 'postgres (other)';
    return isKafkaBroker(pid) ? 'kafka' : undefined;
  };
}

/** Events of this topic the relays of this process have had acknowledged by the broker. */
function acknowledged(): Promise<number> {
  return counterTotal(messagingMetrics.produced, { topic: TOPICS.catalogOffers.name });
}

/**
 * Outbox insert (transactions of txSize, by `writers` concurrent writers) → relay → Kafka →
 * consumer process → inbox + effect. Progress comes from the consumer's own reports, as for raw
 * kafkajs, not from queries: the database is part of what is measured. Once the consumer reports
 * every event applied, the effects are counted in the database, and a shortfall fails the run.
 */
async function backbone(setup: Setup, role: 'per-event' | 'batch'): Promise<number> {
  const { relay, applied, consumerPid, stop } = await pipeline(setup, role, 'bench');
  const records = sampleOutboxRecords(setup.events);
  const ackedBefore = await acknowledged();
  const cpuBefore = snapshotCpu();
  const started = process.hrtime.bigint();
  relay.start();
  // Writer w writes transactions w, w + writers, w + 2·writers, …: all of them, in seq order each.
  const transactions = Math.ceil(records.length / setup.txSize);
  const writer = async (w: number) => {
    for (let t = w; t < transactions; t += setup.writers) {
      const slice = records.slice(t * setup.txSize, (t + 1) * setup.txSize);
      await setup.dataSource.transaction((manager) => appendToOutbox(manager, slice));
    }
  };
  await Promise.all(Array.from({ length: setup.writers }, (_, w) => writer(w)));
  const written = elapsed(started);
  // Where the time goes: when the broker had acknowledged everything the relay published, and
  // when the consumer had applied everything (checked every 10 ms).
  let published: number | undefined;
  await until(`applied through the backbone (${role} handler)`, setup.events, async () => {
    if (published === undefined && (await acknowledged()) - ackedBefore >= setup.events) {
      published = elapsed(started);
    }
    return applied();
  });
  const seconds = elapsed(started);
  const cpu = cpuByClass(cpuBefore, snapshotCpu(), await classifier(setup, consumerPid));
  const [row] = await setup.dataSource.query('SELECT count(*)::int AS n FROM bench_applied');
  if (row.n !== setup.events) {
    throw new Error(
      `the consumer reported ${applied()} events applied, the database holds ${row.n}`,
    );
  }
  const at = (s: number) => `${s.toFixed(2)} s`;
  console.log(
    `  stages: written ${at(written)}, published ${at(published ?? seconds)}, applied ${at(seconds)}`,
  );
  console.log(`  ${describeCpu(cpu, seconds)}`);
  await stop();
  return seconds;
}

export interface Latency {
  eventsPerSecond: number;
  events: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Commit → applied latency at a low, steady rate: one event per transaction, `rate` a second, as
 * a service writes when it is not busy. Each event is timed from its commit returning to the
 * consumer's insert of its effect (same host clock).
 */
async function latency(setup: Setup, count: number, rate: number): Promise<Latency> {
  const { relay, applied, stop } = await pipeline(setup, 'batch', 'benchlat');
  relay.start();
  const committedAt = new Map<string, number>();
  const started = Date.now();
  for (const [i, record] of sampleOutboxRecords(count).entries()) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    await setup.dataSource.transaction((manager) => appendToOutbox(manager, [record]));
    committedAt.set(JSON.parse(record.value).data.offerId, Date.now());
  }
  await until('applied one by one', count, applied);
  const rows: { offer_id: string; applied_at: Date }[] = await setup.dataSource.query(
    'SELECT offer_id, applied_at FROM bench_applied',
  );
  const delays = rows
    .map((r) => r.applied_at.getTime() - (committedAt.get(r.offer_id) as number))
    .sort((a, b) => a - b);
  await stop();
  const { p50, p95, p99 } = percentiles(delays);
  return {
    eventsPerSecond: rate,
    events: count,
    p50Ms: p50,
    p95Ms: p95,
    p99Ms: p99,
    maxMs: delays[delays.length - 1],
  };
}

/** The same number and size of messages, produced and consumed (in another process) with plain kafkajs. */
async function rawKafka(setup: Setup, bytes: number): Promise<number> {
  const namer = new TopicNamer(`benchraw${uniqueId()}.`);
  await provisionTopics(setup.kafka, [TOPICS.catalogOffers], {
    namer,
    logger: quiet,
    withDlq: false,
  });
  let consumed = 0;
  const child = await startConsumer(
    'raw',
    { BENCH_BROKERS: setup.brokers, BENCH_PREFIX: namer.prefix },
    (line) => {
      if (line.startsWith('consumed ')) consumed = Number(line.slice(9));
    },
  );
  const producer = setup.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const value = 'x'.repeat(bytes);
  const cpuBefore = snapshotCpu();
  const started = process.hrtime.bigint();
  // Batches of 1,000: the most the outbox relay sends at once, and kafkajs's best case.
  for (let i = 0; i < setup.events; i += RAW_BATCH) {
    const messages = Array.from({ length: Math.min(RAW_BATCH, setup.events - i) }, (_, j) => ({
      key: `k${(i + j) % 6}`,
      value,
    }));
    await producer.send({ topic: namer.physical(TOPICS.catalogOffers.name), acks: -1, messages });
  }
  await until('produced and consumed with raw kafkajs', setup.events, () => consumed);
  const seconds = elapsed(started);
  const cpu = cpuByClass(cpuBefore, snapshotCpu(), (pid) => {
    if (pid === process.pid) return 'producer';
    if (pid === child.pid) return 'consumer';
    return isKafkaBroker(pid) ? 'kafka' : undefined;
  });
  console.log(`  raw: ${describeCpu(cpu, seconds)}`);
  child.kill('SIGTERM');
  await producer.disconnect();
  return seconds;
}

function parseOptions(): {
  events: number;
  txSize: number;
  writers: number;
  runs: number;
  latencyEvents: number;
} {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '60000' },
      'tx-size': { type: 'string', default: '100' },
      writers: { type: 'string', default: '4' },
      runs: { type: 'string', default: '3' },
      'latency-events': { type: 'string', default: '400' },
    },
  });
  const [events, txSize, writers, runs, latencyEvents] = [
    Number(values.events),
    Number(values['tx-size']),
    Number(values.writers),
    Number(values.runs),
    Number(values['latency-events']),
  ];
  if (![events, txSize, writers, runs, latencyEvents].every((n) => Number.isInteger(n) && n >= 1)) {
    throw new Error(
      '--events, --tx-size, --writers, --runs and --latency-events take positive whole numbers',
    );
  }
  return { events, txSize, writers, runs, latencyEvents };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Seconds of each path's runs, in the order they ran (round by round). */
type Timings = Record<'batch' | 'perEvent' | 'raw', number[]>;

/**
 * Each path's rate (median and runs, fastest first) and its share of raw kafkajs: the median of
 * the shares measured round by round, each against the raw run of the same round, minutes apart
 * from the next round's (the raw rate itself swings by a third between rounds on a shared machine).
 */
function figures(events: number, t: Timings) {
  const rate = (seconds: number) => Math.round(events / seconds);
  const path = (seconds: number[], ratio = true) => ({
    eventsPerSecond: rate(median(seconds)),
    runs: seconds.map(rate).sort((a, b) => b - a),
    ...(ratio && {
      shareOfRawPercent: roundTo(median(seconds.map((s, i) => (t.raw[i] / s) * 100)), 1),
      sharesOfRawPercent: seconds.map((s, i) => roundTo((t.raw[i] / s) * 100, 1)),
    }),
  });
  return { batch: path(t.batch), perEvent: path(t.perEvent), raw: path(t.raw, false) };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const { events, txSize, writers, runs, latencyEvents } = parseOptions();
  const log = (line: string) => console.log(`  ${line}`);
  const providedKafka = await provideKafka(log);
  const providedPg = await providePostgres(log);
  const dbUrl = withDatabaseName(providedPg.url, `bench_${uniqueId()}`);
  await ensureDatabase(dbUrl);
  const dataSource = await createDataSource({
    url: dbUrl,
    applicationName: 'bench',
    runMigrations: true,
  });
  const kafka = createKafka({
    brokers: providedKafka.brokers.split(','),
    clientId: 'bench',
    logger: quiet,
  });
  const setup: Setup = {
    kafka,
    brokers: providedKafka.brokers,
    dataSource,
    dbUrl,
    events,
    txSize,
    writers,
  };
  console.log(
    `backbone benchmark: ${events} events in outbox transactions of ${txSize} by ${writers} writer${writers === 1 ? '' : 's'}; Apache Kafka ${providedKafka.version}; PostgreSQL ${providedPg.version}; ${process.version}`,
  );
  try {
    const bytes = Buffer.byteLength(sampleOutboxRecords(1)[0].value);
    // Round by round, so that each share of raw compares runs made within the same minute.
    const timings: Timings = { batch: [], perEvent: [], raw: [] };
    for (let round = 1; round <= runs; round++) {
      timings.batch.push(await backbone(setup, 'batch'));
      timings.perEvent.push(await backbone(setup, 'per-event'));
      timings.raw.push(await rawKafka(setup, bytes));
      const r = (s: number) => Math.round(events / s);
      const [b, p, w] = [
        timings.batch[round - 1],
        timings.perEvent[round - 1],
        timings.raw[round - 1],
      ];
      console.log(
        `round ${round}/${runs}: batch ${r(b)}/s (${((w / b) * 100).toFixed(1)}% of raw), per-event ${r(p)}/s (${((w / p) * 100).toFixed(1)}%), raw ${r(w)}/s`,
      );
    }
    const lowRate = await latency(setup, latencyEvents, LATENCY_RATE);
    const result = { ...figures(events, timings), latency: lowRate };
    const line = (label: string, path: ReturnType<typeof figures>[keyof Timings]) =>
      console.log(
        `${label.padEnd(46)} ${String(path.eventsPerSecond).padStart(6)} events/s (runs: ${path.runs.join(', ')})` +
          ('shareOfRawPercent' in path && path.shareOfRawPercent !== undefined
            ? `  ${path.shareOfRawPercent.toFixed(1)}% of raw (median of rounds: ${path.sharesOfRawPercent?.join(', ')})`
            : ''),
      );
    console.log(`\nmessage size ${bytes} bytes; median of ${runs} rounds`);
    line('backbone, batch handler (one INSERT per chunk)', result.batch);
    line('backbone, per-event handler (one INSERT each)', result.perEvent);
    line('raw kafkajs produce → consume', result.raw);
    console.log(
      `commit → applied at ${LATENCY_RATE} events/s, one per transaction (${lowRate.events} events): p50 ${lowRate.p50Ms} ms · p95 ${lowRate.p95Ms} ms · p99 ${lowRate.p99Ms} ms · max ${lowRate.maxMs} ms`,
    );
    writeBenchResult({
      name: 'backbone',
      startedAt,
      parameters: {
        events,
        txSize,
        writers,
        runs,
        messageBytes: bytes,
        latencyEvents,
        latencyRate: LATENCY_RATE,
      },
      figures: result,
      environment: benchEnvironment(providedKafka, providedPg),
    });
  } finally {
    await dataSource.destroy();
    await dropDatabase(dbUrl);
    await providedKafka.stop?.();
    await providedPg.stop?.();
  }
}

main().catch((error) => {
  console.error(`bench:backbone failed: ${(error as Error).message}`);
  process.exit(1);
});
