import { TOPICS } from '@simpul/contracts';
import { TopicNamer } from '@simpul/messaging';
import {
  authHeader,
  expectEventually,
  readTopic,
  registerActiveProducer,
  startTestService,
  testKafka,
  type TestService,
} from '@simpul/testing';

describe('catalog: the expiry sweep', () => {
  let namer: TopicNamer;
  let catalog: TestService;

  beforeAll(async () => {
    catalog = await startTestService('catalog', 'expiry', { OFFER_EXPIRY_SWEEP_MS: '200' });
    namer = new TopicNamer(catalog.topicPrefix);
  });

  afterAll(async () => {
    await catalog?.stop();
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

    const kafka = testKafka('expiry-test');
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
    const kafka = testKafka('expiry-test-2');
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
