import {
  createEnvelope,
  dlqTopicName,
  OfferPublished,
  type OfferPublishedV1,
  TOPICS,
} from '@simpul/contracts';
import { createKafka, EventPublisher, TopicNamer } from '@simpul/messaging';
import { createDataSource, toOutboxRecord } from '@simpul/persistence';
import {
  allocatePort,
  authHeader,
  createTestDatabase,
  expectEventually,
  registerActiveProducer,
  offerPublishedFixture,
  readTopic,
  type ServiceProcess,
  startService,
  testKafkaBrokers,
  type TestDatabase,
  uniqueTopicPrefix,
} from '@simpul/testing';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

const offerRequest = (producerId: string, commodityCode: string, amount: number) => ({
  producerId,
  commodityCode,
  quantity: { amount, unit: 'kg' },
  unitPriceIdr: 26500,
  grade: 'medium',
  availableFrom: '2030-01-01T00:00:00Z',
  availableUntil: '2030-01-10T00:00:00Z',
  originHub: 'BTC-BLITAR',
});

/** The first slice through the backbone: catalog commits an offer, orders applies it once. */
describe('catalog → Kafka → orders, as separate processes', () => {
  const prefix = uniqueTopicPrefix();
  let catalogDb: TestDatabase;
  let ordersDb: TestDatabase;
  let catalogData: DataSource;
  let ordersData: DataSource;
  let orders: ServiceProcess;
  let kafka: Kafka;
  let publisher: EventPublisher;
  const namer = new TopicNamer(prefix);
  const processes: ServiceProcess[] = [];
  let producerId: string;

  const env = (db: TestDatabase, extra: Record<string, string> = {}) => ({
    PORT: String(allocatePort()),
    DATABASE_URL: db.url,
    KAFKA_BROKERS: testKafkaBrokers(),
    KAFKA_TOPIC_PREFIX: prefix,
    LOG_LEVEL: 'log',
    ...extra,
  });
  const start = async (service: string, db: TestDatabase, extra?: Record<string, string>) => {
    const proc = await startService(service, env(db, extra));
    processes.push(proc);
    return proc;
  };
  const postOffer = async (catalog: ServiceProcess, body: object) => {
    const response = await fetch(`${catalog.url}/offers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...authHeader('producer', (body as { producerId: string }).producerId),
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  };
  const offerBookRows = async (offerId: string): Promise<number> =>
    (
      await ordersData.query('SELECT count(*)::int AS n FROM offer_book WHERE offer_id = $1', [
        offerId,
      ])
    )[0].n;

  beforeAll(async () => {
    [catalogDb, ordersDb] = await Promise.all([
      createTestDatabase('catalog'),
      createTestDatabase('orders'),
    ]);
    orders = await start('orders', ordersDb);
    [catalogData, ordersData] = await Promise.all([
      createDataSource({ url: catalogDb.url, applicationName: 'slice-test' }),
      createDataSource({ url: ordersDb.url, applicationName: 'slice-test' }),
    ]);
    kafka = createKafka({
      brokers: testKafkaBrokers().split(','),
      clientId: 'slice-test',
      logger: quiet,
    });
    publisher = new EventPublisher(kafka, namer);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await publisher?.disconnect();
    await Promise.all([catalogData?.destroy(), ordersData?.destroy()]);
    await Promise.all([catalogDb?.drop(), ordersDb?.drop()]);
  });

  it('moves a published offer into the orders offer book', async () => {
    const catalog = await start('catalog', catalogDb);
    producerId = await registerActiveProducer(catalog.url);
    const offer = await postOffer(catalog, offerRequest(producerId, 'EGG', 1000));
    await expectEventually(async () => {
      const response = await fetch(`${orders.url}/offer-book?commodity=EGG`, {
        headers: authHeader('btc-operator'),
      });
      expect(
        ((await response.json()) as Array<{ offerId: string }>).map(
          (o: { offerId: string }) => o.offerId,
        ),
      ).toContain(offer.id);
    });
    for (const bad of ['commodity=egg', 'commodity=EGG&limit=0', 'commodity=EGG&sort=price']) {
      const refused = await fetch(`${orders.url}/offer-book?${bad}`, {
        headers: authHeader('btc-operator'),
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await catalog.stop('SIGTERM')).toBe(0);
    expect(catalog.output()).toContain('stopped cleanly');
  });

  it('still publishes an event whose process was killed after commit and before publish', async () => {
    const held = await start('catalog', catalogDb, { OUTBOX_RELAY_ENABLED: 'false' });
    const offer = await postOffer(held, offerRequest(producerId, 'RICE_MEDIUM', 250));
    const pending = await catalogData.query(
      'SELECT published_at FROM outbox WHERE value::jsonb -> $1 ->> $2 = $3',
      ['data', 'offerId', offer.id],
    );
    expect(pending).toEqual([{ published_at: null }]);
    await held.stop('SIGKILL');
    const onTopic = await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name));
    expect(onTopic.some((m) => m.value?.includes(offer.id))).toBe(false);

    await start('catalog', catalogDb);
    await expectEventually(async () => expect(await offerBookRows(offer.id)).toBe(1));
    // Marked after the broker's ack, which may come after orders applied the event.
    await expectEventually(async () => {
      const published = await catalogData.query(
        'SELECT published_at FROM outbox WHERE value::jsonb -> $1 ->> $2 = $3',
        ['data', 'offerId', offer.id],
      );
      expect(published[0].published_at).not.toBeNull();
    });
  });

  it('applies a duplicated delivery once and dead-letters an invalid message without stopping', async () => {
    const data: OfferPublishedV1 = {
      ...offerRequest(producerId, 'SHALLOT', 75),
      offerId: '0193a000-0000-7000-8000-00000000d001',
      quantity: { amount: 75, unit: 'kg' },
    };
    const duplicate = createEnvelope(OfferPublished, {
      source: 'catalog',
      subject: data.offerId,
      data,
    });
    const after = { ...data, offerId: '0193a000-0000-7000-8000-00000000d002' };
    const next = createEnvelope(OfferPublished, {
      source: 'catalog',
      subject: after.offerId,
      data: after,
    });
    await publisher.publish([
      toOutboxRecord(OfferPublished, duplicate),
      toOutboxRecord(OfferPublished, duplicate),
    ]);
    await publisher.sendRaw([
      {
        topic: namer.physical(TOPICS.catalogOffers.name),
        messages: [{ key: 'SHALLOT', value: '{"id":"garbage"}' }],
      },
    ]);
    await publisher.publish([toOutboxRecord(OfferPublished, next)]);

    await expectEventually(async () => expect(await offerBookRows(after.offerId)).toBe(1));
    expect(await offerBookRows(data.offerId)).toBe(1);
    const inbox = await ordersData.query(
      'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1',
      [duplicate.id],
    );
    expect(inbox[0].n).toBe(1);
    // A chunk's good events are applied first, then its letters sent, then its offsets committed:
    // the next event's effect can show a moment before the letter is on the DLQ topic.
    await expectEventually(async () => {
      const dlq = await readTopic(kafka, namer.physical(dlqTopicName(TOPICS.catalogOffers.name)));
      expect(dlq.map((m) => [m.value, m.headers['dlq-error-code']])).toEqual([
        ['{"id":"garbage"}', 'ENVELOPE_INVALID'],
      ]);
    });
  });

  it('loses and doubles nothing when the consumer is killed mid-flow and restarted', async () => {
    const count = 3000;
    const envelopes = Array.from({ length: count }, (_, i) => {
      const data = offerPublishedFixture(50_000 + i);
      return createEnvelope(OfferPublished, { source: 'catalog', subject: data.offerId, data });
    });
    const ids = envelopes.map((e) => e.data.offerId);
    const applied = async (): Promise<number> =>
      (
        await ordersData.query(
          'SELECT count(*)::int AS n FROM offer_book WHERE offer_id = ANY($1::uuid[])',
          [ids],
        )
      )[0].n;
    for (let i = 0; i < count; i += 500) {
      await publisher.publish(
        envelopes.slice(i, i + 500).map((e) => toOutboxRecord(OfferPublished, e)),
      );
    }

    const midway = await expectEventually(
      async () => {
        const n = await applied();
        expect(n).toBeGreaterThan(0);
        return n;
      },
      { intervalMs: 5 },
    );
    await orders.stop('SIGKILL');
    const atKill = await applied();
    orders = await start('orders', ordersDb);

    await expectEventually(async () => expect(await applied()).toBe(count), { timeoutMs: 60_000 });
    const inbox = await ordersData.query(
      'SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1::uuid[])',
      [envelopes.map((e) => e.id)],
    );
    expect(inbox[0].n).toBe(count);
    const dlq = await readTopic(kafka, namer.physical(dlqTopicName(TOPICS.catalogOffers.name)));
    expect(dlq.filter((m) => m.headers['dlq-error-code'] === 'HANDLER_FAILED')).toEqual([]);
    // The kill really happened mid-flow: some events were applied before it, not all.
    expect(midway).toBeLessThan(count);
    expect(atKill).toBeLessThan(count);
  });
});
