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

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

interface CreatedOffer {
  id: string;
  shelfLifeEndsAt: string | null;
  minOrderQuantity: number | null;
}

describe('catalog: the expiry sweep', () => {
  const kafka = testKafka('expiry-test');
  let namer: TopicNamer;
  let catalog: TestService;

  beforeAll(async () => {
    catalog = await startTestService('catalog', 'expiry', { OFFER_EXPIRY_SWEEP_MS: '200' });
    namer = new TopicNamer(catalog.topicPrefix);
  });

  afterAll(async () => {
    await catalog?.stop();
  });

  /** Publishes a chili offer of a fresh producer; `terms` override the defaults. */
  async function publishChili(terms: Record<string, unknown>): Promise<CreatedOffer> {
    const producerId = await registerActiveProducer(catalog.url);
    const created = await fetch(`${catalog.url}/offers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader('producer', producerId) },
      body: JSON.stringify({
        producerId,
        commodityCode: 'CHILI_RED_CURLY',
        quantity: { amount: 200, unit: 'kg' },
        unitPriceIdr: 29600,
        grade: 'super',
        availableFrom: new Date(Date.now() - HOUR_MS).toISOString(),
        originHub: 'BTC-BLITAR',
        ...terms,
      }),
    });
    expect(created.status).toBe(201);
    return (await created.json()) as CreatedOffer;
  }

  const statusOf = async (id: string) =>
    (
      (await (
        await fetch(`${catalog.url}/offers/${id}`, { headers: authHeader('analyst') })
      ).json()) as { status: string }
    ).status;

  /** The one `catalog.offer.expired` event of an offer, once the sweep has sent it. */
  const expiredEventOf = (id: string) =>
    expectEventually(async () => {
      const found = (await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name))).filter(
        (m) => m.headers['event-type'] === 'catalog.offer.expired' && m.value?.includes(id),
      );
      expect(found).toHaveLength(1);
      return JSON.parse(found[0].value ?? '{}').data as Record<string, unknown>;
    });

  it('expires an open offer at its available-until, once, and announces it', async () => {
    const until = new Date(Date.now() + 3000);
    const { id } = await publishChili({ availableUntil: until.toISOString() });

    expect(await statusOf(id)).toBe('published');
    await expectEventually(async () => expect(await statusOf(id)).toBe('expired'), {
      timeoutMs: 15_000,
    });
    expect(Date.now()).toBeGreaterThanOrEqual(until.getTime());
    expect(await expiredEventOf(id)).toEqual({
      offerId: id,
      commodityCode: 'CHILI_RED_CURLY',
      expiredAt: until.toISOString(),
    });
  });

  it('expires chili at the end of its two-day shelf life, before its window ends', async () => {
    const harvested = new Date(Date.now() - 2 * DAY_MS + 3000);
    const offer = await publishChili({
      quantity: { amount: 150, unit: 'kg' },
      minOrderQuantity: 25,
      grade: '1',
      productionDate: harvested.toISOString(),
      availableUntil: new Date(Date.now() + 7 * DAY_MS).toISOString(),
    });
    const shelfEnd = new Date(harvested.getTime() + 2 * DAY_MS).toISOString();
    expect(offer).toMatchObject({ shelfLifeEndsAt: shelfEnd, minOrderQuantity: 25 });

    await expectEventually(async () => expect(await statusOf(offer.id)).toBe('expired'), {
      timeoutMs: 15_000,
    });
    expect((await expiredEventOf(offer.id))['expiredAt']).toBe(shelfEnd);
  });
});
