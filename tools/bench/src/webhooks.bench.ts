import 'reflect-metadata';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEnvelope, OrderStatusChanged, ORDER_STATUSES } from '@simpul/contracts';
import { createKafka, EventPublisher, TopicNamer } from '@simpul/messaging';
import {
  dropDatabase,
  ensureDatabase,
  toOutboxRecord,
  withDatabaseName,
} from '@simpul/persistence';
import { parseBenchOptions, roundTo, writeBenchResult } from '@simpul/platform';
import {
  allocatePort,
  authHeader,
  provideKafka,
  providePostgres,
  startService,
  uniqueId,
} from '@simpul/testing';
import { v7 as uuidv7 } from 'uuid';
import { percentile } from './percentiles';

/*
 * `npm run bench:webhooks`: webhook delivery throughput of the orders service against a local
 * receiver. Order events of one BUMD are published to orders.orders.v1 at once; the orders
 * service files them in the BUMD's feed, queues one delivery per subscription, and its dispatcher
 * POSTs them, signed, to a receiver on loopback that verifies every signature. Measured from the
 * first publish to the last verified delivery (the whole path: Kafka, feed, queue, HTTP), with
 * each event's publish → received latency, and checked: every event once, in order per order.
 */

const SECRET = 'whsec_bench_0123456789abcdef0123456789abcdef';
const quiet = {
  log: () => undefined,
  warn: () => undefined,
  error: (m: unknown) => console.error(String(m)),
};

interface Receipt {
  eventId: string;
  orderId: string;
  index: number;
  at: number;
}

/** A loopback receiver that verifies signatures like a BUMD's would, optionally slow. */
async function startReceiver(delayMs: number) {
  const receipts: Receipt[] = [];
  let badSignatures = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = String(request.headers['simpul-signature'] ?? '');
      const t = /(?:^|,)t=(\d+)/.exec(header)?.[1] ?? '';
      const expected = createHmac('sha256', SECRET).update(`${t}.${raw}`).digest();
      const ok = [...header.matchAll(/v1=([0-9a-f]{64})/g)].some((m) =>
        timingSafeEqual(Buffer.from(m[1], 'hex'), expected),
      );
      if (!ok) badSignatures++;
      const envelope = JSON.parse(raw) as { id: string; data: { orderId: string; reason: string } };
      receipts.push({
        eventId: envelope.id,
        orderId: envelope.data.orderId,
        index: Number(envelope.data.reason),
        at: performance.now(),
      });
      const answer = () => response.writeHead(ok ? 204 : 401).end();
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/simpul`,
    receipts,
    badSignatures: () => badSignatures,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

interface PhaseResult {
  events: number;
  seconds: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  duplicates: number;
  outOfOrder: number;
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * Publishes `count` status events of `orderCount` new orders — all at once, or at `rate` events/s —
 * and waits until the receiver has every one; event i belongs to order i mod orderCount and
 * carries its index within its order in `reason`, so order per order can be checked.
 */
async function phase(
  receiver: Receiver,
  publisher: EventPublisher,
  count: number,
  orderCount: number,
  rate?: number,
): Promise<PhaseResult> {
  receiver.receipts.length = 0;
  const orderIds = Array.from({ length: orderCount }, () => uuidv7());
  const perOrder = new Map<string, number>();
  const events = Array.from({ length: count }, (_, i) => {
    const orderId = orderIds[i % orderCount];
    const index = perOrder.get(orderId) ?? 0;
    perOrder.set(orderId, index + 1);
    return createEnvelope(OrderStatusChanged, {
      source: 'orders',
      subject: orderId,
      tenantId: 'pasar-jaya',
      data: {
        orderId,
        buyerId: 'pasar-jaya',
        status: ORDER_STATUSES[index % 4],
        reason: String(index),
      },
    });
  });
  const publishedAt = new Map<string, number>();
  const start = performance.now();
  const batch = rate ? Math.max(1, Math.round(rate / 20)) : 1000;
  for (let i = 0; i < events.length; i += batch) {
    if (rate) {
      const due = start + (i / rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const chunk = events.slice(i, i + batch);
    const now = performance.now();
    for (const event of chunk) publishedAt.set(event.id, now);
    await publisher.publish(chunk.map((event) => toOutboxRecord(OrderStatusChanged, event)));
  }
  let lastProgress = performance.now();
  const deadline = Date.now() + 15 * 60_000;
  const seen = () => new Set(receiver.receipts.map((r) => r.eventId)).size;
  while (seen() < count) {
    if (Date.now() > deadline)
      throw new Error(`only ${seen()} of ${count} delivered in 15 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (performance.now() - lastProgress > 5000) {
      lastProgress = performance.now();
      process.stdout.write(`  … ${seen()} of ${count} delivered\n`);
    }
  }
  const seconds = (Math.max(...receiver.receipts.map((r) => r.at)) - start) / 1000;
  const latencies = receiver.receipts
    .map((r) => r.at - (publishedAt.get(r.eventId) ?? start))
    .sort((a, b) => a - b);
  const lastIndex = new Map<string, number>();
  let outOfOrder = 0;
  for (const receipt of receiver.receipts) {
    if ((lastIndex.get(receipt.orderId) ?? -1) >= receipt.index) outOfOrder++;
    lastIndex.set(receipt.orderId, receipt.index);
  }
  return {
    events: count,
    seconds: roundTo(seconds, 2),
    deliveriesPerSecond: roundTo(count / seconds, 1),
    latencyMs: {
      p50: roundTo(percentile(latencies, 0.5), 1),
      p95: roundTo(percentile(latencies, 0.95), 1),
      p99: roundTo(percentile(latencies, 0.99), 1),
      max: roundTo(latencies[latencies.length - 1], 1),
    },
    duplicates: receiver.receipts.length - seen(),
    outOfOrder,
  };
}

function describe(label: string, result: PhaseResult): string {
  const { p50, p95, p99 } = result.latencyMs;
  return `${label}: ${result.events} events delivered in ${result.seconds} s = ${result.deliveriesPerSecond} deliveries/s; publish → received p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms`;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(
    { events: 10_000, paced: 3_000, orders: 500, concurrency: 32, delay: 0 },
    ['delay'],
  );
  const startedAt = new Date();
  const log = (line: string) => console.log(`  ${line}`);
  const kafkaInfo = await provideKafka(log);
  const pgInfo = await providePostgres(log);
  console.log(
    `webhooks benchmark: a backlog of ${options.events} events of ${options.orders} orders, then ${options.paced} at half the drain rate; ${options.concurrency} deliveries in flight, receiver answering after ${options.delay} ms; Apache Kafka ${kafkaInfo.version}; PostgreSQL ${pgInfo.version}; ${process.version}`,
  );
  const prefix = `webhooks-${uniqueId()}.`;
  const db = withDatabaseName(pgInfo.url, `bench_webhooks_${uniqueId()}`);
  await ensureDatabase(db);
  const receiver = await startReceiver(options.delay);
  const orders = await startService('orders', {
    PORT: String(allocatePort()),
    DATABASE_URL: db,
    KAFKA_BROKERS: kafkaInfo.brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_REQUIRE_HTTPS: 'false',
    WEBHOOK_CONCURRENCY: String(options.concurrency),
    WEBHOOK_POLL_MS: '50',
  });
  const kafka = createKafka({
    brokers: kafkaInfo.brokers.split(','),
    clientId: 'webhooks-bench',
    logger: quiet,
  });
  const publisher = new EventPublisher(kafka, new TopicNamer(prefix));
  try {
    const subscribed = await fetch(`${orders.url}/webhooks/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader('bumd', 'pasar-jaya') },
      body: JSON.stringify({ url: receiver.url, eventTypes: ['*'], secret: SECRET }),
    });
    if (subscribed.status !== 201)
      throw new Error(`subscription refused: ${await subscribed.text()}`);

    const backlog = await phase(receiver, publisher, options.events, options.orders);
    console.log(describe('backlog', backlog));
    // At half the drain rate, deliveries keep up: the latency a BUMD sees in steady traffic.
    const pacedRate = Math.max(1, Math.floor(backlog.deliveriesPerSecond / 2));
    const paced = await phase(receiver, publisher, options.paced, options.orders, pacedRate);
    console.log(describe(`at ${pacedRate} events/s`, paced));
    const figures = {
      deliveriesPerSecond: backlog.deliveriesPerSecond,
      pacedEventsPerSecond: pacedRate,
      pacedLatencyMs: paced.latencyMs,
      duplicates: backlog.duplicates + paced.duplicates,
      outOfOrder: backlog.outOfOrder + paced.outOfOrder,
      badSignatures: receiver.badSignatures(),
      backlog,
      paced,
    };
    console.log(
      `checks: ${figures.duplicates} duplicates, ${figures.outOfOrder} out of order within an order, ${figures.badSignatures} bad signatures`,
    );
    writeBenchResult({
      name: 'webhooks',
      startedAt,
      parameters: options,
      figures,
      environment: { kafka: kafkaInfo.version, postgres: pgInfo.version },
    });
    if (figures.outOfOrder > 0 || figures.badSignatures > 0) process.exitCode = 1;
  } finally {
    await publisher.disconnect();
    await orders.stop('SIGTERM');
    await receiver.stop();
    await dropDatabase(db);
    await kafkaInfo.stop?.();
    await pgInfo.stop?.();
  }
}

main().catch((error) => {
  console.error(`bench:webhooks failed: ${(error as Error).message}`);
  process.exit(1);
});
