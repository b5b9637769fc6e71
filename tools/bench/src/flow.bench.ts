import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { TOPICS } from '@simpul/contracts';
import { createKafka, provisionTopics, TopicNamer } from '@simpul/messaging';
import { dropDatabase, ensureDatabase, withDatabaseName } from '@simpul/persistence';
import { roundTo, writeBenchResult } from '@simpul/platform';
import {
  allocatePort,
  authHeader,
  provideKafka,
  providePostgres,
  registerActiveProducer,
  type ServiceProcess,
  startService,
  uniqueId,
} from '@simpul/testing';
import { type Kafka, Partitioners } from 'kafkajs';
import { FlowObserver } from './flow-observer';
import { formatServiceTime, serviceTimeBetween, snapshotServiceTimes } from './service-time';

/*
 * The whole chain under load: purchase requests pushed through the orders API are matched to
 * Blitar offers (orders), and their orders planned onto trucks (logistics), with catalog and
 * pricing running alongside — four service processes, one broker, one database server, two
 * cores. Measured from each request's 202 to its order.confirmed and to the shipment.planned
 * carrying its order, as seen on the topics. A first run pushes as fast as the API takes it
 * (peak); a second at half that rate gives the latencies the aim is about.
 */

const quiet = {
  log: () => undefined,
  warn: () => undefined,
  error: (m: unknown) => console.error(String(m)),
};
const json = { 'content-type': 'application/json' };
const DAY = 86_400_000;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '3000' },
      concurrency: { type: 'string', default: '32' },
      raw: { type: 'string', default: '20000' },
    },
  });
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const raw = Number(values.raw);
  if (![requests, concurrency, raw].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error('--requests, --concurrency and --raw must be positive integers');
  }
  return { requests, concurrency, raw };
}

interface Stack {
  urls: Record<'catalog' | 'orders' | 'logistics' | 'pricing', string>;
  prefix: string;
  stop: () => Promise<void>;
}

async function startStack(brokers: string, pgUrl: string): Promise<Stack> {
  const prefix = `flow-${uniqueId()}.`;
  const processes: ServiceProcess[] = [];
  const databases: string[] = [];
  const urls = {} as Stack['urls'];
  const extra: Record<string, Record<string, string>> = {
    // Every load leaves at the next round (a held thin load would wait days for cargo that a
    // bench never sends); a round a second, with chartered trucks enough for every round.
    logistics: { DISPATCH_PLANNING_INTERVAL_MS: '1000', DISPATCH_HOLD_BELOW_FILL: '0' },
  };
  for (const name of ['catalog', 'orders', 'logistics', 'pricing'] as const) {
    const db = withDatabaseName(pgUrl, `bench_flow_${name}_${uniqueId()}`);
    await ensureDatabase(db);
    databases.push(db);
    const service = await startService(name, {
      PORT: String(allocatePort()),
      DATABASE_URL: db,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      ...extra[name],
    });
    processes.push(service);
    urls[name] = service.url;
  }
  return {
    urls,
    prefix,
    stop: async () => {
      for (const service of processes) await service.stop('SIGTERM');
      for (const db of databases) await dropDatabase(db);
    },
  };
}

/** Plenty of eggs, and trucks: the bench measures the flow, not a shortage. */
async function stock(stack: Stack, requests: number): Promise<void> {
  const producerId = await registerActiveProducer(stack.urls.catalog);
  const now = Date.now();
  const offers = Math.max(10, Math.ceil((requests * 10) / 20_000) + 2);
  for (let i = 0; i < offers; i++) {
    const response = await fetch(`${stack.urls.catalog}/offers`, {
      method: 'POST',
      headers: { ...json, ...authHeader('producer', producerId) },
      body: JSON.stringify({
        producerId,
        commodityCode: 'EGG',
        quantity: { amount: 20_000, unit: 'kg' },
        unitPriceIdr: 25_500 + (i % 3) * 100,
        grade: 'large',
        availableFrom: new Date(now).toISOString(),
        availableUntil: new Date(now + 5 * DAY).toISOString(),
        productionDate: new Date(now).toISOString(),
        originHub: 'BTC-BLITAR',
      }),
    });
    if (response.status !== 201)
      throw new Error(`offer refused: ${response.status} ${await response.text()}`);
  }
  for (let i = 0; i < 300; i++) {
    const response = await fetch(`${stack.urls.logistics}/vehicles`, {
      method: 'POST',
      headers: { ...json, ...authHeader('btc-operator') },
      body: JSON.stringify({
        plate: `B ${9000 + i} FLW`,
        type: 'CDD_BOX',
        payloadKg: 4000,
        volumeM3: 14,
        temperatureClasses: ['ambient'],
        carrier: 'cv-bench-charter',
      }),
    });
    if (response.status !== 201)
      throw new Error(`vehicle refused: ${response.status} ${await response.text()}`);
  }
  for (;;) {
    const book = (await (
      await fetch(`${stack.urls.orders}/offer-book?commodity=EGG&limit=500`, {
        headers: authHeader('analyst'),
      })
    ).json()) as unknown[];
    if (book.length >= offers) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Pushes `count` requests with `concurrency` in flight, paced to `ratePerSecond` when given. */
async function push(
  stack: Stack,
  observer: FlowObserver,
  count: number,
  concurrency: number,
  ratePerSecond?: number,
) {
  const now = Date.now();
  const body = JSON.stringify({
    commodityCode: 'EGG',
    quantity: { amount: 10, unit: 'kg' },
    maxUnitPriceIdr: 28_000,
    minGrade: 'medium',
    destinationCode: 'PIKJ',
    deliverBy: new Date(now + 3 * DAY).toISOString(),
    expiresAt: new Date(now + 2 * DAY).toISOString(),
  });
  const headers = { ...json, ...authHeader('bumd', 'pasar-jaya') };
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      if (ratePerSecond) {
        const due = started + (i / ratePerSecond) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const response = await fetch(`${stack.urls.orders}/purchase-requests`, {
        method: 'POST',
        headers,
        body,
      });
      if (response.status !== 202)
        throw new Error(`request refused: ${response.status} ${await response.text()}`);
      observer.accepted(((await response.json()) as { requestId: string }).requestId, Date.now());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Raw kafkajs produce → consume of `count` 600-byte messages on the same broker: the ceiling. */
async function rawRate(kafka: Kafka, count: number): Promise<number> {
  const namer = new TopicNamer(`flowraw-${uniqueId()}.`);
  await provisionTopics(kafka, [TOPICS.catalogOffers], { namer, logger: quiet, withDlq: false });
  const topic = namer.physical(TOPICS.catalogOffers.name);
  const consumer = kafka.consumer({ groupId: `${namer.prefix}raw`, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let consumed = 0;
  await consumer.run({ eachBatch: async ({ batch }) => void (consumed += batch.messages.length) });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const value = 'x'.repeat(600);
  const started = performance.now();
  for (let i = 0; i < count; i += 1000) {
    const messages = Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
      key: `k${(i + j) % 6}`,
      value,
    }));
    await producer.send({ topic, acks: -1, messages });
  }
  while (consumed < count) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - started) / 1000;
  await producer.disconnect();
  await consumer.disconnect();
  return count / seconds;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const startedAt = new Date();
  const log = (line: string) => console.log(`  ${line}`);
  const kafkaInfo = await provideKafka(log);
  const pgInfo = await providePostgres(log);
  const kafka = createKafka({
    brokers: kafkaInfo.brokers.split(','),
    clientId: 'flow-bench',
    logger: quiet,
  });
  console.log(
    `flow benchmark: ${options.requests} requests per run, ${options.concurrency} in flight; Apache Kafka ${kafkaInfo.version}; PostgreSQL ${pgInfo.version}; ${process.version}`,
  );
  const stack = await startStack(kafkaInfo.brokers, pgInfo.url);
  const observer = new FlowObserver(kafka, stack.prefix);
  try {
    await stock(stack, options.requests * 2);
    await observer.start();
    const atStart = await snapshotServiceTimes(stack.urls);
    await push(stack, observer, options.requests, options.concurrency);
    const peak = await observer.settle(options.requests, 'peak');
    const afterPeak = await snapshotServiceTimes(stack.urls);
    const half = Math.max(1, Math.floor(peak.throughput / 2));
    observer.reset();
    await push(stack, observer, options.requests, options.concurrency, half);
    const paced = await observer.settle(options.requests, `at ${half} requests/s`);
    const afterHalf = await snapshotServiceTimes(stack.urls);
    const raw = await rawRate(kafka, options.raw);
    const serviceTime = {
      peak: serviceTimeBetween(atStart, afterPeak),
      halfPeak: serviceTimeBetween(afterPeak, afterHalf),
    };
    for (const run of [peak, paced]) console.log(FlowObserver.format(run));
    console.log(formatServiceTime('peak', serviceTime.peak));
    console.log(formatServiceTime('half peak', serviceTime.halfPeak));
    console.log(`raw kafkajs produce → consume on this broker: ${raw.toFixed(0)} messages/s`);
    const share = (peak.throughput / raw) * 100;
    console.log(
      `peak ${peak.throughput.toFixed(0)} requests/s matched and planned = ${share.toFixed(1)} % of raw`,
    );
    writeBenchResult({
      name: 'flow',
      startedAt,
      parameters: options,
      figures: {
        requestsPerSecond: roundTo(peak.throughput, 1),
        rawMessagesPerSecond: roundTo(raw, 0),
        shareOfRawPercent: roundTo(share, 2),
        halfPeakRequestsPerSecond: roundTo(paced.throughput, 1),
        halfPeakP99RequestToOrderMs: paced.toOrder.p99,
        peak,
        halfPeak: paced,
        serviceTime,
      },
    });
  } finally {
    await observer.stop();
    await stack.stop();
    await kafkaInfo.stop?.();
    await pgInfo.stop?.();
  }
}

main().catch((error) => {
  console.error(`bench:flow failed: ${(error as Error).message}`);
  process.exit(1);
});
