import 'reflect-metadata';
import { type OfferPublishedV1, TOPICS } from '@simpul/contracts';
import {
  createKafka,
  EventConsumer,
  type EventApplier,
  EventPublisher,
  messagingMetrics,
  TopicNamer,
} from '@simpul/messaging';
import { createDataSource } from '@simpul/persistence';
import { counterTotal } from './counter-total';

/**
 * The consuming side of the benchmark, in its own process as in production (the orders service
 * consumes what the catalog service's relay publishes). Prints "ready" once it has joined its group,
 * then how many events it has consumed (raw) or applied and committed (backbone) as the count grows,
 * so that the benchmark learns of progress without querying the database it measures.
 */
export type ConsumerRole = 'per-event' | 'batch' | 'raw';

const quiet = {
  log: () => undefined,
  warn: (m: unknown) => console.error(String(m)),
  error: (m: unknown) => console.error(String(m)),
};

const applyPerEvent: EventApplier = async (events, manager) => {
  for (const event of events) {
    const data = event.envelope.data as OfferPublishedV1;
    await manager.query('INSERT INTO bench_applied (offer_id, price) VALUES ($1, $2)', [
      data.offerId,
      data.unitPriceIdr,
    ]);
  }
};

const applyBatch: EventApplier = async (events, manager) => {
  const rows = events.map((event) => event.envelope.data as OfferPublishedV1);
  await manager.query(
    'INSERT INTO bench_applied (offer_id, price) SELECT * FROM unnest($1::uuid[], $2::bigint[])',
    [rows.map((r) => r.offerId), rows.map((r) => r.unitPriceIdr)],
  );
};

/**
 * Prints "applied N" whenever the count of events this group applied grows. The counter is
 * incremented after the inbox transaction commits, so every event counted has its effect durable.
 */
function reportApplied(group: string): void {
  let reported = 0;
  const timer = setInterval(() => {
    void counterTotal(messagingMetrics.consumed, { group, outcome: 'processed' }).then(
      (applied) => {
        if (applied === reported) return;
        reported = applied;
        console.log(`applied ${applied}`);
      },
    );
  }, 10);
  timer.unref();
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const role = env('BENCH_ROLE') as ConsumerRole;
  const kafka = createKafka({
    brokers: env('BENCH_BROKERS').split(','),
    clientId: `bench-${role}`,
    logger: quiet,
  });
  const namer = new TopicNamer(env('BENCH_PREFIX'));
  const groupId = `bench-${role}-${process.pid}`;
  if (role === 'raw') {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    consumer.on(consumer.events.GROUP_JOIN, () => console.log('ready'));
    await consumer.connect();
    await consumer.subscribe({
      topic: namer.physical(TOPICS.catalogOffers.name),
      fromBeginning: true,
    });
    let consumed = 0;
    process.once('SIGTERM', () => void consumer.disconnect().finally(() => process.exit(0)));
    await consumer.run({
      partitionsConsumedConcurrently: 6,
      eachBatch: async ({ batch }) => {
        consumed += batch.messages.length;
        console.log(`consumed ${consumed}`);
      },
    });
    return;
  }
  const dataSource = await createDataSource({
    url: env('BENCH_DB_URL'),
    applicationName: `bench-${role}`,
  });
  const publisher = new EventPublisher(kafka, namer);
  const consumer = new EventConsumer(kafka, dataSource, publisher, {
    groupId,
    topics: [TOPICS.catalogOffers.name],
    namer,
    logger: quiet,
    apply: role === 'batch' ? applyBatch : applyPerEvent,
  });
  consumer.raw.on(consumer.raw.events.GROUP_JOIN, () => console.log('ready'));
  reportApplied(groupId);
  // Exit cleanly on SIGTERM so that tools such as --cpu-prof can write their output.
  process.once('SIGTERM', () => void consumer.stop().finally(() => process.exit(0)));
  await consumer.start();
}

main().catch((error) => {
  console.error(`bench consumer failed: ${(error as Error).message}`);
  process.exit(1);
});
