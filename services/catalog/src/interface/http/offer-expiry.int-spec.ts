import { TOPICS } from '@simpul/contracts';
import { createKafka, TopicNamer } from '@simpul/messaging';
import {
  allocatePort,
  authHeader,
  createTestDatabase,
  expectEventually,
  readTopic,
  registerActiveProducer,
  type ServiceProcess,
  startService,
  testKafkaBrokers,
  type TestDatabase,
  uniqueTopicPrefix,
} from '@simpul/testing';

describe('catalog: the expiry sweep', () => {
  const namer = new TopicNamer(uniqueTopicPrefix());
  let database: TestDatabase;
  let catalog: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase('expiry');
    catalog = await startService('catalog', {
      PORT: String(allocatePort()),
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC_PREFIX: namer.prefix,
      OFFER_EXPIRY_SWEEP_MS: '200',
    });
  });

  afterAll(async () => {
    await catalog?.stop('SIGKILL');
    await database?.drop();
  });

  it('expires an open offer at its available-until, once, and announces it', async () => {
    const producerId = await registerActiveProducer(catalog.url);
    const until = new Date(Date.now() + 3000);
    const created = await fetch(`${catalog.url}/offers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader('producer', producerId) },
      body: JSON.stringify({
        producerId,
        commodityCode: 'CHILI_RED_CURLY',
        quantity: { amount: 200, unit: 'kg' },
        unitPriceIdr: 29600,
        grade: 'super',
        availableFrom: new Date(Date.now() - 3600_000).toISOString(),
        availableUntil: until.toISOString(),
        originHub: 'BTC-BLITAR',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const status = async () =>
      (
        (await (
          await fetch(`${catalog.url}/offers/${id}`, { headers: authHeader('analyst') })
        ).json()) as { status: string }
      ).status;

    expect(await status()).toBe('published');
    await expectEventually(async () => expect(await status()).toBe('expired'), {
      timeoutMs: 15_000,
    });
    expect(Date.now()).toBeGreaterThanOrEqual(until.getTime());

    const kafka = createKafka({
      brokers: testKafkaBrokers().split(','),
      clientId: 'expiry-test',
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const expired = await expectEventually(async () => {
      const found = (await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name))).filter(
        (m) => m.headers['event-type'] === 'catalog.offer.expired' && m.value?.includes(id),
      );
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(JSON.parse(expired.value ?? '{}').data).toEqual({
      offerId: id,
      commodityCode: 'CHILI_RED_CURLY',
      expiredAt: until.toISOString(),
    });
  });

  it('expires chili at the end of its two-day shelf life, before its window ends', async () => {
    const producerId = await registerActiveProducer(catalog.url);
    const harvested = new Date(Date.now() - 2 * 24 * 3600_000 + 3000);
    const created = await fetch(`${catalog.url}/offers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader('producer', producerId) },
      body: JSON.stringify({
        producerId,
        commodityCode: 'CHILI_RED_CURLY',
        quantity: { amount: 150, unit: 'kg' },
        minOrderQuantity: 25,
        unitPriceIdr: 29000,
        grade: '1',
        productionDate: harvested.toISOString(),
        availableFrom: new Date(Date.now() - 3600_000).toISOString(),
        availableUntil: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
        originHub: 'BTC-BLITAR',
      }),
    });
    expect(created.status).toBe(201);
    const offer = (await created.json()) as {
      id: string;
      shelfLifeEndsAt: string;
      minOrderQuantity: number;
    };
    const shelfEnd = new Date(harvested.getTime() + 2 * 24 * 3600_000).toISOString();
    expect(offer).toMatchObject({ shelfLifeEndsAt: shelfEnd, minOrderQuantity: 25 });
    await expectEventually(
      async () => {
        const state = (await (
          await fetch(`${catalog.url}/offers/${offer.id}`, { headers: authHeader('analyst') })
        ).json()) as { status: string };
        expect(state.status).toBe('expired');
      },
      { timeoutMs: 15_000 },
    );
    const kafka = createKafka({
      brokers: testKafkaBrokers().split(','),
      clientId: 'expiry-test-2',
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const expired = await expectEventually(async () => {
      const found = (await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name))).filter(
        (m) => m.headers['event-type'] === 'catalog.offer.expired' && m.value?.includes(offer.id),
      );
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(JSON.parse(expired.value ?? '{}').data.expiredAt).toBe(shelfEnd);
  });
});
