import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createKafka } from '@simpul/messaging';
import { authHeader, provideKafka, providePostgres, uniqueId } from '@simpul/testing';
import { SingleBar } from 'cli-progress';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { runChecks } from './checks';
import { FaultInjector, poisonValues } from './faults';
import { placeRequests, planRequests, stockOffers } from './load';
import { FaultSystem, type ServiceName } from './system';

/*
 * `npm run test:faults`: the system under faults, checked like Kafka checks its guarantees — a
 * known input, faults injected mid-run, then the output checked to be exactly right. The four
 * services run as processes (orders as two instances on one group), the load is purchase
 * requests against ample Blitar supply, and while it runs every service is SIGKILLed and
 * restarted, the broker is stopped and started, the databases' connections are cut and poison
 * messages are published. After the system drains, the invariants are checked and printed; any
 * violation fails the run (exit 1).
 */

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

function options() {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: process.env['FAULT_REQUESTS'] ?? '10000' },
      seed: { type: 'string', default: process.env['FAULT_SEED'] ?? '20261129' },
      concurrency: { type: 'string', default: '16' },
      // The load is spread over at least this long, so that every fault falls inside it.
      minutes: { type: 'string', default: process.env['FAULT_MINUTES'] ?? '5' },
      'drain-minutes': { type: 'string', default: '15' },
      keep: { type: 'boolean', default: false },
      // For a broker shared with other work: every fault but the broker restart.
      'no-broker-restart': { type: 'boolean', default: false },
    },
  });
  const requests = Number(values.requests);
  const seed = Number(values.seed);
  const concurrency = Number(values.concurrency);
  const drainMinutes = Number(values['drain-minutes']);
  const minutes = Number(values.minutes);
  if (
    ![requests, concurrency, drainMinutes, minutes].every((n) => Number.isInteger(n) && n > 0) ||
    !Number.isInteger(seed)
  ) {
    console.error(
      '--requests, --concurrency and --drain-minutes take positive whole numbers, --seed a whole number',
    );
    process.exit(2);
  }
  return {
    requests,
    seed,
    concurrency,
    drainMinutes,
    minutes,
    keep: values.keep ?? false,
    brokerRestart: !values['no-broker-restart'],
  };
}

/** A BUMD's receiver that records every delivery's event id, copies included. */
async function startReceiver() {
  const receipts: string[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      receipts.push(String(request.headers['simpul-event-id']));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/simpul`,
    receipts,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Messages behind, over every consumer group of the run. */
async function totalLag(kafka: Kafka, prefix: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(prefix));
    const ends = new Map<string, Map<number, bigint>>();
    let lag = 0n;
    for (const groupId of groups) {
      for (const topic of await admin.fetchOffsets({ groupId })) {
        if (!ends.has(topic.topic)) {
          const offsets = await admin.fetchTopicOffsets(topic.topic);
          ends.set(topic.topic, new Map(offsets.map((o) => [o.partition, BigInt(o.high)])));
        }
        for (const p of topic.partitions) {
          const end = ends.get(topic.topic)?.get(p.partition) ?? 0n;
          const at = p.offset === '-1' ? 0n : BigInt(p.offset);
          if (end > at) lag += end - at;
        }
      }
    }
    return Number(lag);
  } finally {
    await admin.disconnect();
  }
}

async function scalar(url: string, sql: string): Promise<number> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return Number(((await db.query(sql)).rows[0] as { n: string | number }).n);
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const opts = options();
  const started = Date.now();
  const log = (line: string) => console.log(`  ${line}`);
  const kafkaInfo = await provideKafka(log);
  const pgInfo = await providePostgres(log);
  const restartBroker = opts.brokerRestart && kafkaInfo.source.startsWith('local launcher');
  console.log(
    `fault run: ${opts.requests} purchase requests (seed ${opts.seed}), ${opts.concurrency} in flight; Apache Kafka ${kafkaInfo.version} (${kafkaInfo.source}); PostgreSQL ${pgInfo.version}`,
  );
  const prefix = `faults-${uniqueId()}.`;
  const kafka = createKafka({
    brokers: kafkaInfo.brokers.split(','),
    clientId: 'fault-run',
    logger: quiet,
  });
  const fast: Partial<Record<ServiceName, Record<string, string>>> = {
    catalog: { OFFER_EXPIRY_SWEEP_MS: '5000' },
    orders: {
      MATCHING_CLOCK_TICK_MS: '5000',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_REQUIRE_HTTPS: 'false',
      WEBHOOK_RETRY_BASE_MS: '500',
      WEBHOOK_RETRY_MAX_DELAY_MS: '5000',
      WEBHOOK_POLL_MS: '100',
    },
    logistics: { DISPATCH_PLANNING_INTERVAL_MS: '3000', DISPATCH_HOLD_BELOW_FILL: '0' },
  };
  const system = new FaultSystem(
    prefix,
    kafkaInfo.brokers,
    fast,
    // Below the ephemeral range (32768+), where a client socket could take a service's port.
    18_000 + (process.pid % 100) * 10,
    pgInfo.url,
  );
  const receiver = await startReceiver();
  let failed = true;
  try {
    console.log('▸ starting catalog, orders ×2, logistics, pricing');
    await system.start(log);
    const requests = planRequests(opts.requests, opts.seed);
    const stock = await stockOffers(system.url('catalog'), requests);
    log(`${stock.offers} offers of 20 t published`);
    const subscribed = await fetch(`${system.url('orders-1')}/webhooks/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader('bumd', 'pasar-jaya') },
      body: JSON.stringify({
        url: receiver.url,
        eventTypes: ['orders.order.confirmed', 'orders.request.status-changed'],
        secret: 'whsec_faults_0123456789abcdef0123456789',
      }),
    });
    if (subscribed.status !== 201)
      throw new Error(`webhook subscription: ${await subscribed.text()}`);
    // The book has every offer before the load: requests then match as they come.
    for (;;) {
      const n = await scalar(
        system.databases.get('orders')?.url as string,
        'SELECT count(*) AS n FROM offer_book',
      );
      if (n >= stock.offers) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const faults = new FaultInjector(system, kafka, prefix, log, restartBroker);
    const poison = poisonValues(6);
    const schedule: [number, () => Promise<void>][] = [
      [0.08, () => faults.kill('catalog')],
      [0.16, () => faults.kill('orders-1', 3_000)],
      [0.24, () => faults.poison(poison)],
      [0.32, () => faults.brokerRestart(8_000)],
      [0.48, () => faults.cutDatabaseConnections()],
      [0.58, () => faults.kill('logistics')],
      [0.68, () => faults.kill('pricing')],
      [0.78, () => faults.kill('orders-2', 3_000)],
      [0.88, () => faults.cutDatabaseConnections()],
    ];
    console.log('▸ load with faults');
    const bar = new SingleBar(
      {
        format: '  {bar} {percentage}% | {value}/{total} requests | ETA {eta_formatted}',
        hideCursor: true,
      },
      undefined,
    );
    const interactive = process.stdout.isTTY;
    if (interactive) bar.start(opts.requests, 0);
    let done = 0;
    let lastLine = Date.now();
    const load = placeRequests(
      () => [system.url('orders-1'), system.url('orders-2')],
      requests,
      opts.concurrency,
      opts.requests / (opts.minutes * 60),
      (n) => {
        done = n;
        if (interactive) bar.update(n);
        else if (Date.now() - lastLine > 5_000) {
          lastLine = Date.now();
          log(`${n} of ${opts.requests} requests placed`);
        }
      },
    );
    const injecting = (async () => {
      for (const [at, fault] of schedule) {
        while (done < at * opts.requests) await new Promise((resolve) => setTimeout(resolve, 100));
        await fault();
      }
    })();
    const result = await load;
    await injecting;
    if (interactive) bar.stop();
    log(
      `${result.accepted.size} accepted, ${result.refused} refused, ${result.failed} without an answer`,
    );

    console.log('▸ draining');
    const urls = [...system.databases.values()].map((d) => d.url);
    const deadline = Date.now() + opts.drainMinutes * 60_000;
    let quietSince = 0;
    for (;;) {
      const open = await scalar(
        system.databases.get('orders')?.url as string,
        "SELECT count(*) AS n FROM purchase_requests WHERE status NOT IN ('matched', 'cancelled', 'expired')",
      );
      let backlog = 0;
      for (const url of urls)
        backlog += await scalar(url, 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL');
      const pending = await scalar(
        system.databases.get('orders')?.url as string,
        "SELECT count(*) AS n FROM webhook_deliveries WHERE state <> 'delivered'",
      );
      const lag = await totalLag(kafka, prefix);
      log(
        `open requests ${open}, outbox backlog ${backlog}, consumer lag ${lag}, webhook deliveries pending ${pending}`,
      );
      if (open + backlog + lag + pending === 0) {
        // Drained twice in a row, a few seconds apart: nothing still on its way.
        if (quietSince && Date.now() - quietSince > 5_000) break;
        quietSince ||= Date.now();
      } else quietSince = 0;
      if (Date.now() > deadline) {
        log(`not drained after ${opts.drainMinutes} minutes; checking what there is`);
        // Why: a service that died or stopped consuming says so at the end of its output.
        console.error(system.outputs(1500));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }

    console.log('▸ checks');
    const { checks, figures } = await runChecks(
      system,
      kafka,
      prefix,
      new Set(result.accepted.keys()),
      poison,
      receiver.receipts,
    );
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log('');
    console.log('faults injected:');
    for (const f of faults.records) {
      console.log(
        `  +${(f.at / 1000).toFixed(0).padStart(4)} s  ${f.fault}: ${f.detail} (${(f.ms / 1000).toFixed(1)} s)`,
      );
    }
    const kills = system.instances.map((i) => `${i.id} ${i.kills}`).join(', ');
    console.log(`  SIGKILLs per instance: ${kills}`);
    // Consumers the Kafka client stopped on an error (ADR 0002): restarted by it, or by simpul.
    const byKafkajs = system.logLines(/the Kafka client restarts it/).length;
    const bySimpul = system.logLines(/stopped by the Kafka client/);
    console.log(
      `  consumer crashes: ${byKafkajs} restarted by kafkajs, ${bySimpul.length} restarted by simpul`,
    );
    for (const line of bySimpul.slice(0, 5)) console.log(`    ${line.slice(0, 400)}`);
    console.log('');
    console.log('figures:');
    console.log(
      `  requests placed ${opts.requests}: ${result.accepted.size} accepted, ${result.refused} refused, ${result.failed} without an answer; ${figures.requestsInDatabase} in the database`,
    );
    console.log(
      `  orders ${figures.ordersConfirmed}, allocations ${figures.allocations}, shipments planned ${figures.shipmentsPlanned}`,
    );
    console.log(
      `  events on orders.orders.v1 + logistics.shipments.v1: ${figures.eventsOnTopics} (${figures.republishedCopies} republished copies of the same event id, absorbed by inboxes)`,
    );
    console.log(
      `  dead letters ${figures.deadLetters}; webhook deliveries ${figures.webhookEvents}, receipts ${figures.webhookReceipts}`,
    );
    console.log(`  took ${seconds} s`);
    console.log('');
    console.log('checks:');
    for (const c of checks) console.log(`  ${c.ok ? '✓' : '✗'} ${c.name} — ${c.detail}`);
    const violations = checks.filter((c) => !c.ok).length;
    console.log('');
    console.log(violations === 0 ? 'no violation' : `${violations} violation(s)`);
    failed = violations > 0;
  } catch (error) {
    console.error(`fault run failed: ${(error as Error).message}`);
    console.error(system.outputs().slice(-6000));
  } finally {
    await receiver.stop();
    await system.stop();
    if (!opts.keep) await system.drop();
    await kafkaInfo.stop?.();
    await pgInfo.stop?.();
  }
  process.exit(failed ? 1 : 0);
}

void main();
