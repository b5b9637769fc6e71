import { createEnvelope, OfferPublished } from '@simpul/contracts';
import { EventPublisher, TopicNamer } from '@simpul/messaging';
import { toOutboxRecord } from '@simpul/persistence';
import {
  authHeader,
  expectEventually,
  fixtureUuid,
  offerPublishedFixture,
  readTopic,
  offerRequestFixture,
  registerActiveProducer,
  startService,
  startTestService,
  testKafka,
  type ServiceProcess,
  type TestService,
} from '@simpul/testing';
import { Client } from 'pg';

/** One sample of a Prometheus text exposition: the value of `name{labels…}` (sum when several match). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

const scrape = async (url: string) => {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/plain/);
  return response.text();
};

/**
 * The services as operators run them: started by the image's command (`node
 * dist/services/<name>/src/main.js`, which is what startTestService runs), scraped at /metrics.
 */
describe('operations: metrics that move, and a shutdown that loses nothing', () => {
  it('serves /health/ready and /metrics, and the metrics move when events flow', async () => {
    const catalog = await startTestService('catalog', 'ops_metrics_catalog');
    let orders: TestService | undefined;
    try {
      orders = await startTestService('orders', 'ops_metrics_orders', {
        KAFKA_TOPIC_PREFIX: catalog.topicPrefix,
      });
      for (const service of [catalog, orders]) {
        expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
      }
      const before = { catalog: await scrape(catalog.url), orders: await scrape(orders.url) };
      for (const text of Object.values(before)) {
        expect(text).toMatch(/^simpul_outbox_backlog_events\{service="\w+"\} \d+/m);
        expect(text).toMatch(/^simpul_node_process_cpu_seconds_total/m);
      }
      const producerId = await registerActiveProducer(catalog.url);
      const offer = await fetch(`${catalog.url}/offers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeader('producer', producerId) },
        body: JSON.stringify(
          offerRequestFixture(producerId, {
            quantity: { amount: 500, unit: 'kg' },
            availableUntil: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          }),
        ),
      });
      expect(offer.status).toBe(201);
      const topic = { topic: 'catalog.offers.v1' };
      await expectEventually(async () => {
        const text = await scrape(catalog.url);
        expect(sample(text, 'simpul_events_produced_total', topic)).toBeGreaterThan(
          sample(before.catalog, 'simpul_events_produced_total', topic),
        );
        expect(
          sample(text, 'simpul_http_request_duration_seconds_count', {
            method: 'POST',
            route: '/offers',
            status: '201',
          }),
        ).toBe(1);
      });
      const consumed = { group: 'simpul.orders', ...topic, outcome: 'processed' };
      await expectEventually(async () => {
        const text = await scrape(orders?.url ?? '');
        expect(sample(text, 'simpul_events_consumed_total', consumed)).toBeGreaterThan(
          sample(before.orders, 'simpul_events_consumed_total', consumed),
        );
        expect(
          sample(text, 'simpul_event_handler_duration_seconds_count', {
            group: 'simpul.orders',
            ...topic,
          }),
        ).toBeGreaterThan(0);
        // The offer became a matching input, produced by orders and consumed back.
        expect(
          sample(text, 'simpul_events_produced_total', { topic: 'orders.matching.v1' }),
        ).toBeGreaterThan(0);
        expect(text).toMatch(/^simpul_consumer_lag_messages\{.*topic="catalog.offers.v1"/m);
      });
    } finally {
      await orders?.stop();
      await catalog.stop();
    }
  });

  it('on SIGTERM during a burst stops consuming, finishes in-flight work, flushes its outbox and exits 0; nothing is lost', async () => {
    const BURST = 3_000;
    const orders = await startTestService('orders', 'ops_sigterm_orders');
    const db = new Client({ connectionString: orders.database.url });
    await db.connect();
    const kafka = testKafka('ops-sigterm');
    const namer = new TopicNamer(orders.topicPrefix);
    const publisher = new EventPublisher(kafka, namer);
    let restarted: ServiceProcess | undefined;
    const count = async (sql: string) => Number(((await db.query(sql)).rows[0] as { n: string }).n);
    try {
      const events = Array.from({ length: BURST }, (_, i) =>
        createEnvelope(OfferPublished, {
          source: 'catalog',
          subject: fixtureUuid(10_000 + i),
          data: offerPublishedFixture(10_000 + i, { commodityCode: 'EGG', grade: 'large' }),
        }),
      );
      await publisher.publish(events.map((e) => toOutboxRecord(OfferPublished, e)));
      // SIGTERM once the service is part-way through the burst.
      await expectEventually(
        async () => expect(await count('SELECT count(*) AS n FROM offer_book')).toBeGreaterThan(0),
        { intervalMs: 20 },
      );
      const exitCode = await orders.process.stop('SIGTERM');
      expect(exitCode).toBe(0);
      expect(orders.process.output()).toMatch(/stopped cleanly/);
      const applied = await count('SELECT count(*) AS n FROM offer_book');
      // It stopped consuming part-way (the test is meaningless if the burst was already done) …
      expect(applied).toBeLessThan(BURST);
      // … and what it applied, it published: the outbox is empty.
      expect(await count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).toBe(0);

      // Started again on the same database, it takes the rest: every offer once.
      restarted = await startService('orders', {
        PORT: String(new URL(orders.url).port),
        DATABASE_URL: orders.database.url,
        KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
        KAFKA_TOPIC_PREFIX: orders.topicPrefix,
      });
      await expectEventually(
        async () => expect(await count('SELECT count(*) AS n FROM offer_book')).toBe(BURST),
        { timeoutMs: 60_000 },
      );
      await expectEventually(async () =>
        expect(await count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).toBe(0),
      );
      const inputs = (await readTopic(kafka, namer.physical('orders.matching.v1')))
        .map((m) => JSON.parse(m.value ?? '{}') as { type: string; data: { offerId: string } })
        .filter((e) => e.type === 'orders.matching.offer-updated');
      const offerIds = inputs.map((e) => e.data.offerId);
      expect(new Set(offerIds).size).toBe(BURST); // nothing lost
      expect(offerIds.length).toBe(BURST); // nothing published twice
    } finally {
      await publisher.disconnect();
      await db.end();
      await restarted?.stop('SIGKILL');
      await orders.stop();
    }
  }, 120_000);
});
