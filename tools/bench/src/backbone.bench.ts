import 'reflect-metadata';
import {
  createEnvelope,
  OfferPublished,
  type OfferPublishedV1,
  TOPICS,
  type TopicDefinition,
} from '@simpul/contracts';
import {
  createKafka,
  EventConsumer,
  type EventApplier,
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
  toOutboxRecord,
  withDatabaseName,
} from '@simpul/persistence';
import { provideKafka, providePostgres, uniqueId } from '@simpul/testing';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { parseArgs } from 'node:util';

const quiet = {
  log: () => undefined,
  warn: (m: unknown) => console.warn(String(m)),
  error: (m: unknown) => console.error(String(m)),
};

function sampleOffer(i: number): OfferPublishedV1 {
  const commodities = [
    'EGG',
    'BROILER_CARCASS',
    'CHILI_RED_CURLY',
    'SHALLOT',
    'RICE_MEDIUM',
    'CATFISH',
  ];
  return {
    offerId: `0193a000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
    producerId: '0193a000-0000-7000-8000-0000000000aa',
    commodityCode: commodities[i % commodities.length],
    quantity: { amount: 100 + (i % 900), unit: 'kg' },
    unitPriceIdr: 26000 + (i % 1000),
    grade: 'medium',
    availableFrom: '2030-01-01T00:00:00.000Z',
    availableUntil: '2030-01-10T00:00:00.000Z',
    originHub: 'BTC-BLITAR',
  };
}

async function waitFor(
  label: string,
  total: number,
  count: () => Promise<number> | number,
): Promise<void> {
  let last = -1;
  for (;;) {
    const done = await count();
    if (done !== last) process.stdout.write(`\r  ${label}: ${done}/${total}`);
    last = done;
    if (done >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.stdout.write('\n');
}

/** Outbox insert → relay → Kafka → consumer → inbox + one INSERT per event, as the services do it. */
type ApplyMode = 'per-event' | 'batch';

const applyPerEvent: EventApplier = async (batch, manager) => {
  for (const event of batch) {
    const data = event.envelope.data as OfferPublishedV1;
    await manager.query(`INSERT INTO bench_applied (offer_id, price) VALUES ($1, $2)`, [
      data.offerId,
      data.unitPriceIdr,
    ]);
  }
};

const applyBatch: EventApplier = async (batch, manager) => {
  const rows = batch.map((event) => event.envelope.data as OfferPublishedV1);
  await manager.query(
    `INSERT INTO bench_applied (offer_id, price) SELECT * FROM unnest($1::uuid[], $2::bigint[])`,
    [rows.map((r) => r.offerId), rows.map((r) => r.unitPriceIdr)],
  );
};

async function backbone(
  kafka: Kafka,
  dataSource: DataSource,
  topic: TopicDefinition,
  events: number,
  txSize: number,
  mode: ApplyMode,
): Promise<{ seconds: number; bytes: number }> {
  const namer = new TopicNamer(`bench${uniqueId()}.`);
  await provisionTopics(kafka, [topic], { namer, logger: quiet });
  await dataSource.query('DROP TABLE IF EXISTS bench_applied');
  await dataSource.query(
    'CREATE TABLE bench_applied (offer_id uuid PRIMARY KEY, price bigint NOT NULL)',
  );
  const publisher = new EventPublisher(kafka, namer);
  await publisher.connect();
  const consumer = new EventConsumer(kafka, dataSource, publisher, {
    groupId: `bench-${uniqueId()}`,
    topics: [topic.name],
    namer,
    logger: quiet,
    apply: mode === 'batch' ? applyBatch : applyPerEvent,
  });
  await consumer.start();
  const relay = new OutboxRelay(dataSource, publisher, { idleMs: 5, logger: quiet });
  relay.start();
  const records = Array.from({ length: events }, (_, i) =>
    toOutboxRecord(
      OfferPublished,
      createEnvelope(OfferPublished, {
        source: 'bench',
        subject: `offer-${i}`,
        data: sampleOffer(i),
      }),
    ),
  );
  const started = process.hrtime.bigint();
  for (let i = 0; i < records.length; i += txSize) {
    await dataSource.transaction((manager) =>
      appendToOutbox(manager, records.slice(i, i + txSize)),
    );
  }
  let applied = 0;
  await waitFor(`applied through the backbone (${mode})`, events, async () => {
    applied = (await dataSource.query('SELECT count(*)::int AS n FROM bench_applied'))[0].n;
    return applied;
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await relay.stop();
  await consumer.stop();
  await publisher.disconnect();
  return { seconds, bytes: Buffer.byteLength(records[0].value) };
}

/** The same number and size of messages, produced and consumed with plain kafkajs. */
async function rawKafka(
  kafka: Kafka,
  topic: TopicDefinition,
  events: number,
  value: string,
): Promise<number> {
  const namer = new TopicNamer(`benchraw${uniqueId()}.`);
  await provisionTopics(kafka, [topic], { namer, logger: quiet, withDlq: false });
  const name = namer.physical(topic.name);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
  const consumer = kafka.consumer({ groupId: `benchraw-${uniqueId()}`, maxWaitTimeInMs: 100 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: name, fromBeginning: true });
  let consumed = 0;
  await consumer.run({ eachBatch: async ({ batch }) => void (consumed += batch.messages.length) });
  const started = process.hrtime.bigint();
  for (let i = 0; i < events; i += 1000) {
    const messages = Array.from({ length: Math.min(1000, events - i) }, (_, j) => ({
      key: `k${(i + j) % 6}`,
      value,
    }));
    await producer.send({ topic: name, acks: -1, messages });
  }
  await waitFor('produced and consumed with raw kafkajs', events, () => consumed);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return seconds;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '20000' },
      'tx-size': { type: 'string', default: '100' },
    },
  });
  const events = Number(values.events);
  const txSize = Number(values['tx-size']);
  if (!Number.isInteger(events) || events < 1 || !Number.isInteger(txSize) || txSize < 1) {
    throw new Error('--events and --tx-size take positive whole numbers');
  }
  const log = (line: string) => console.log(`  ${line}`);
  const [providedKafka, providedPg] = [await provideKafka(log), await providePostgres(log)];
  const url = withDatabaseName(providedPg.url, `bench_${uniqueId()}`);
  await ensureDatabase(url);
  const dataSource = await createDataSource({
    url,
    applicationName: 'bench',
    runMigrations: true,
    poolSize: 10,
  });
  const kafka = createKafka({
    brokers: providedKafka.brokers.split(','),
    clientId: 'bench',
    logger: quiet,
  });
  console.log(
    `backbone benchmark: ${events} events, outbox transactions of ${txSize}, Apache Kafka ${providedKafka.version}, PostgreSQL ${providedPg.version}`,
  );
  try {
    const topic = TOPICS.catalogOffers;
    const perEvent = await backbone(kafka, dataSource, topic, events, txSize, 'per-event');
    const batch = await backbone(kafka, dataSource, topic, events, txSize, 'batch');
    const rawSeconds = await rawKafka(kafka, topic, events, 'x'.repeat(batch.bytes));
    const rawRate = events / rawSeconds;
    const line = (label: string, seconds: number) =>
      console.log(
        `${label.padEnd(44)} ${(events / seconds).toFixed(0).padStart(7)} events/s  (${seconds.toFixed(2)} s, ${((rawSeconds / seconds) * 100).toFixed(1)}% of raw)`,
      );
    console.log(`\nmessage size ${batch.bytes} bytes`);
    line('backbone, batch handler (1 INSERT per chunk)', batch.seconds);
    line('backbone, per-event handler (1 INSERT each)', perEvent.seconds);
    console.log(
      `${'raw kafkajs produce → consume'.padEnd(44)} ${rawRate.toFixed(0).padStart(7)} events/s  (${rawSeconds.toFixed(2)} s)`,
    );
  } finally {
    await dataSource.destroy();
    await dropDatabase(url);
    await providedKafka.stop?.();
    await providedPg.stop?.();
  }
}

main().catch((error) => {
  console.error(`bench:backbone failed: ${(error as Error).message}`);
  process.exit(1);
});
