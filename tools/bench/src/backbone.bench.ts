import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TOPICS } from '@simpul/contracts';
import {
  createKafka,
  EventPublisher,
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

async function until(
  label: string,
  total: number,
  done: () => Promise<number> | number,
): Promise<void> {
  let shown = -1;
  for (;;) {
    const count = await done();
    if (count !== shown) process.stdout.write(`\r  ${label}: ${count}/${total}`);
    shown = count;
    if (count >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  process.stdout.write('\n');
}

const RAW_BATCH = 1000;

const elapsed = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** Outbox insert (transactions of txSize) → relay → Kafka → consumer process → inbox + effect. */
async function backbone(setup: Setup, role: 'per-event' | 'batch'): Promise<number> {
  const namer = new TopicNamer(`bench${uniqueId()}.`);
  await provisionTopics(setup.kafka, [TOPICS.catalogOffers], { namer, logger: quiet });
  await setup.dataSource.query('DROP TABLE IF EXISTS bench_applied');
  await setup.dataSource.query(
    'CREATE TABLE bench_applied (offer_id uuid PRIMARY KEY, price bigint NOT NULL)',
  );
  await setup.dataSource.query('TRUNCATE outbox, inbox');
  const child = await startConsumer(
    role,
    { BENCH_BROKERS: setup.brokers, BENCH_DB_URL: setup.dbUrl, BENCH_PREFIX: namer.prefix },
    () => undefined,
  );
  const publisher = new EventPublisher(setup.kafka, namer);
  await publisher.connect();
  const relay = new OutboxRelay(setup.dataSource, publisher, { idleMs: 5, logger: quiet });
  const records = sampleOutboxRecords(setup.events);
  const started = process.hrtime.bigint();
  relay.start();
  for (let i = 0; i < records.length; i += setup.txSize) {
    await setup.dataSource.transaction((manager) =>
      appendToOutbox(manager, records.slice(i, i + setup.txSize)),
    );
  }
  await until(
    `applied through the backbone (${role} handler)`,
    setup.events,
    async () => (await setup.dataSource.query('SELECT count(*)::int AS n FROM bench_applied'))[0].n,
  );
  const seconds = elapsed(started);
  child.kill('SIGTERM');
  await relay.stop();
  await publisher.disconnect();
  return seconds;
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
  child.kill('SIGTERM');
  await producer.disconnect();
  return seconds;
}

function parseOptions(): { events: number; txSize: number; runs: number } {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '20000' },
      'tx-size': { type: 'string', default: '100' },
      runs: { type: 'string', default: '3' },
    },
  });
  const [events, txSize, runs] = [
    Number(values.events),
    Number(values['tx-size']),
    Number(values.runs),
  ];
  if (![events, txSize, runs].every((n) => Number.isInteger(n) && n >= 1)) {
    throw new Error('--events, --tx-size and --runs take positive whole numbers');
  }
  return { events, txSize, runs };
}

/** Runs a scenario `runs` times; the median is reported, with the spread. */
async function repeat(runs: number, scenario: () => Promise<number>): Promise<number[]> {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) seconds.push(await scenario());
  return seconds.sort((a, b) => a - b);
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)];

/** Seconds of each path's runs, sorted (fastest first). */
type Timings = Record<'batch' | 'perEvent' | 'raw', number[]>;

function figures(events: number, t: Timings) {
  const rate = (seconds: number) => Math.round(events / seconds);
  const path = (sorted: number[], ratio = true) => ({
    eventsPerSecond: rate(median(sorted)),
    runs: sorted.map(rate).reverse(),
    ...(ratio && { shareOfRawPercent: roundTo((median(t.raw) / median(sorted)) * 100, 1) }),
  });
  return { batch: path(t.batch), perEvent: path(t.perEvent), raw: path(t.raw, false) };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const { events, txSize, runs } = parseOptions();
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
  const setup: Setup = { kafka, brokers: providedKafka.brokers, dataSource, dbUrl, events, txSize };
  console.log(
    `backbone benchmark: ${events} events in outbox transactions of ${txSize}; Apache Kafka ${providedKafka.version}; PostgreSQL ${providedPg.version}; ${process.version}`,
  );
  try {
    const bytes = Buffer.byteLength(sampleOutboxRecords(1)[0].value);
    const batch = await repeat(runs, () => backbone(setup, 'batch'));
    const perEvent = await repeat(runs, () => backbone(setup, 'per-event'));
    const raw = await repeat(runs, () => rawKafka(setup, bytes));
    const rate = (seconds: number) => (events / seconds).toFixed(0);
    const line = (label: string, sorted: number[], ratio = true) =>
      console.log(
        `${label.padEnd(46)} ${rate(median(sorted)).padStart(6)} events/s (runs: ${sorted.map(rate).reverse().join(', ')})` +
          (ratio ? `  ${((median(raw) / median(sorted)) * 100).toFixed(1)}% of raw` : ''),
      );
    console.log(`\nmessage size ${bytes} bytes; median of ${runs} runs`);
    line('backbone, batch handler (one INSERT per chunk)', batch);
    line('backbone, per-event handler (one INSERT each)', perEvent);
    line('raw kafkajs produce → consume', raw, false);
    writeBenchResult({
      name: 'backbone',
      startedAt,
      parameters: { events, txSize, runs, messageBytes: bytes },
      figures: figures(events, { batch, perEvent, raw }),
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
