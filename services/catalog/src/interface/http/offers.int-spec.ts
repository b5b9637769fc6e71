import { TOPICS } from '@simpul/contracts';
import { TopicNamer } from '@simpul/messaging';
import { createDataSource } from '@simpul/persistence';
import {
  authHeader,
  expectEventually,
  readTopic,
  registerActiveProducer,
  startTestService,
  testKafka,
  type TestService,
} from '@simpul/testing';
import type { DataSource } from 'typeorm';

const eggOfferOf = (producerId: string) => ({
  producerId,
  commodityCode: 'EGG',
  quantity: { amount: 1000, unit: 'kg' },
  unitPriceIdr: 26500,
  grade: 'medium',
  availableFrom: '2030-01-01T00:00:00Z',
  availableUntil: '2030-01-10T00:00:00Z',
  originHub: 'BTC-BLITAR',
});

type Offer = ReturnType<typeof eggOfferOf>;

describe('catalog: commodities and offers over HTTP', () => {
  let namer: TopicNamer;
  let data: DataSource;
  let catalog: TestService;
  let producer: { authorization: string };
  let eggOffer: Offer;

  beforeAll(async () => {
    catalog = await startTestService('catalog', 'catalog_http');
    namer = new TopicNamer(catalog.topicPrefix);
    data = await createDataSource({
      url: catalog.database.url,
      applicationName: 'catalog-http-test',
    });
    const producerId = await registerActiveProducer(catalog.url);
    producer = authHeader('producer', producerId);
    eggOffer = eggOfferOf(producerId);
  });

  afterAll(async () => {
    await data?.destroy();
    await catalog?.stop();
  });

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${catalog.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const written = async () =>
    (
      await data.query(
        'SELECT (SELECT count(*) FROM supply_offers)::int AS offers, (SELECT count(*) FROM outbox)::int AS events',
      )
    )[0];

  it('serves the reference list seeded from the domain brief', async () => {
    const response = await call('GET', '/commodities', authHeader('analyst'));
    const commodities = (await response.json()) as Array<{ code: string }>;
    expect(commodities.map((c) => c.code)).toEqual(
      expect.arrayContaining([
        'EGG',
        'BROILER_CARCASS',
        'BEEF',
        'CATTLE_LIVE',
        'RICE_MEDIUM',
        'RICE_PREMIUM',
        'CHILI_RED_CURLY',
        'CHILI_CAYENNE_RED',
        'SHALLOT',
        'GARLIC',
        'TOMATO',
        'CATFISH',
        'TILAPIA',
        'KOI',
        'SUGAR',
        'COCONUT_SUGAR',
        'SAMBAL_PECEL',
        'DJEMBE',
      ]),
    );
    expect(commodities.find((c) => c.code === 'BEEF')).toMatchObject({
      unit: 'kg',
      temperatureClass: 'frozen',
      requiredCertificates: ['halal', 'nkv'],
    });
  });

  it('lets an operator add a commodity once, and nobody else', async () => {
    const patin = {
      code: 'PATIN',
      nameId: 'Ikan patin',
      nameEn: 'Pangasius',
      category: 'perikanan',
      unit: 'kg',
      temperatureClass: 'chilled',
      shelfLifeDays: 12,
      grades: ['standard'],
      requiredCertificates: [],
    };
    expect((await call('POST', '/commodities', authHeader('btc-operator'), patin)).status).toBe(
      201,
    );
    expect(
      await (await call('POST', '/commodities', authHeader('btc-operator'), patin)).json(),
    ).toMatchObject({ statusCode: 409, code: 'CATALOG_COMMODITY_EXISTS' });
    expect(
      (await call('POST', '/commodities', producer, { ...patin, code: 'PATIN_2' })).status,
    ).toBe(403);
  });

  it('publishing an offer emits exactly one event, keyed by its commodity', async () => {
    const response = await call('POST', '/offers', producer, eggOffer);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const kafka = testKafka('catalog-http-test');
    const mine = await expectEventually(async () => {
      const messages = (await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name))).filter(
        (m) => m.value?.includes(id),
      );
      expect(messages).toHaveLength(1);
      return messages;
    });
    expect(mine[0].key).toBe('EGG');
    expect(mine[0].headers['event-type']).toBe('catalog.offer.published');
  });

  it('keeps a draft private and silent until its producer publishes it, once', async () => {
    const seller = await registerActiveProducer(catalog.url);
    const asSeller = authHeader('producer', seller);
    const created = await call('POST', '/offers', asSeller, {
      ...eggOffer,
      producerId: seller,
      draft: true,
    });
    expect(created.status).toBe(201);
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe('draft');

    const listed = (await (
      await call('GET', `/offers?producerId=${seller}`, authHeader('analyst'))
    ).json()) as { items: unknown[] };
    expect(listed.items).toEqual([]);
    expect(
      (await call('GET', `/offers?producerId=${seller}&status=draft`, authHeader('analyst')))
        .status,
    ).toBe(403);
    const mine = (await (
      await call('GET', `/offers?producerId=${seller}&status=draft`, asSeller)
    ).json()) as { items: Array<{ id: string }> };
    expect(mine.items.map((o) => o.id)).toEqual([id]);
    expect((await call('GET', `/offers/${id}`, authHeader('analyst'))).status).toBe(404);
    expect((await call('GET', `/offers/${id}`, asSeller)).status).toBe(200);

    expect((await call('PATCH', `/offers/${id}`, asSeller, { unitPriceIdr: 25500 })).status).toBe(
      200,
    );
    const published = await call('POST', `/offers/${id}/publish`, asSeller);
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ status: 'published', unitPriceIdr: 25500 });
    const again = await call('POST', `/offers/${id}/publish`, asSeller);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'CATALOG_OFFER_NOT_DRAFT' });

    const kafka = testKafka('catalog-draft-test');
    const events = await expectEventually(async () => {
      const found = (await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name))).filter(
        (m) => m.value?.includes(id),
      );
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    expect(events.map((m) => m.headers['event-type'])).toEqual(['catalog.offer.published']);
    expect(JSON.parse(events[0].value ?? '{}').data.unitPriceIdr).toBe(25500);
  });

  it('shows the hub and analysts what it published about an offer, in order, and nobody else', async () => {
    const created = await call('POST', '/offers', producer, eggOffer);
    const { id } = (await created.json()) as { id: string };
    expect((await call('PATCH', `/offers/${id}`, producer, { unitPriceIdr: 25_800 })).status).toBe(
      200,
    );
    const page = await expectEventually(async () => {
      const answer = await call(
        'GET',
        `/event-log?about=${id.toUpperCase()}`,
        authHeader('analyst'),
      );
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as {
        service: string;
        truncated: boolean;
        events: { type: string; key: string; publishedAt: string; event: { subject: string } }[];
      };
      expect(body.events.map((e) => e.type)).toEqual([
        'catalog.offer.published',
        'catalog.offer.changed',
      ]);
      return body;
    });
    expect(page).toMatchObject({ service: 'catalog', truncated: false });
    expect(page.events.map((e) => e.event.subject)).toEqual([id, id]);
    expect(
      page.events.every((e) => e.key === 'EGG' && !Number.isNaN(Date.parse(e.publishedAt))),
    ).toBe(true);

    const one = (await (
      await call('GET', `/event-log?about=${id}&limit=1`, authHeader('btc-operator'))
    ).json()) as { events: unknown[]; truncated: boolean };
    expect(one).toMatchObject({ truncated: true });
    expect(one.events).toHaveLength(1);
    expect(
      (await call('GET', `/event-log?about=${id}`, authHeader('bumd', 'pasar-jaya'))).status,
    ).toBe(403);
    expect((await call('GET', `/event-log?about=${id}`, producer)).status).toBe(403);
    const bad = await call('GET', `/event-log?about=${id}'--`, authHeader('analyst'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const none = (await (
      await call(
        'GET',
        '/event-log?about=0190a000-0000-7000-8000-0000000000ff',
        authHeader('analyst'),
      )
    ).json()) as { events: unknown[] };
    expect(none.events).toEqual([]);
  });

  it('lists offers newest first, filtered, page by page with a cursor', async () => {
    const seller = await registerActiveProducer(catalog.url);
    const asSeller = authHeader('producer', seller);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await call('POST', '/offers', asSeller, {
        ...eggOffer,
        producerId: seller,
        quantity: { amount: 10 + i, unit: 'kg' },
      });
      ids.push(((await response.json()) as { id: string }).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = `/offers?producerId=${seller}&commodity=EGG&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await call('GET', query, authHeader('analyst'))).json()) as {
        items: Array<{ id: string }>;
        nextCursor: string | null;
      };
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const none = (await (
      await call('GET', `/offers?producerId=${seller}&status=withdrawn`, authHeader('analyst'))
    ).json()) as { items: unknown[] };
    expect(none.items).toEqual([]);
    const later = (await (
      await call(
        'GET',
        `/offers?producerId=${seller}&availableAt=2031-01-01T00:00:00Z`,
        authHeader('analyst'),
      )
    ).json()) as { items: unknown[] };
    expect(later.items).toEqual([]);
  });

  it.each([
    ['a cursor it never returned', '/offers?cursor=bm90LWEtY3Vyc29y', 'CATALOG_CURSOR_INVALID'],
    ['a limit of 0', '/offers?limit=0', 'VALIDATION_FAILED'],
    ['an unknown status', '/offers?status=lost', 'VALIDATION_FAILED'],
    ['an unknown query parameter', '/offers?sort=price', 'VALIDATION_FAILED'],
  ])('refuses a listing with %s', async (_label, path, code) => {
    const response = await call('GET', path, authHeader('analyst'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code });
  });

  it("lets a producer withdraw its own open offer once, and never another producer's", async () => {
    const created = await call('POST', '/offers', producer, eggOffer);
    const { id } = (await created.json()) as { id: string };
    const stranger = authHeader('producer', await registerActiveProducer(catalog.url));
    const refused = await call('POST', `/offers/${id}/withdraw`, stranger, {});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'FORBIDDEN' });

    const withdrawn = await call('POST', `/offers/${id}/withdraw`, producer, {
      reason: 'hens stopped laying',
    });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ id, status: 'withdrawn' });
    const again = await call('POST', `/offers/${id}/withdraw`, producer, {});
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'CATALOG_OFFER_NOT_OPEN' });

    const kafka = testKafka('catalog-withdraw-test');
    const events = await expectEventually(async () => {
      const found = (await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name))).filter(
        (m) => m.headers['event-type'] === 'catalog.offer.withdrawn' && m.value?.includes(id),
      );
      expect(found).toHaveLength(1);
      return found;
    });
    expect(events[0].key).toBe('EGG');
  });

  it.each([
    [
      'an unknown commodity',
      (o: Offer) => ({ ...o, commodityCode: 'DURIAN' }),
      'CATALOG_UNKNOWN_COMMODITY',
    ],
    [
      'a unit that does not match the commodity',
      (o: Offer) => ({ ...o, quantity: { amount: 10, unit: 'ekor' } }),
      'CATALOG_UNIT_MISMATCH',
    ],
    [
      'a grade outside the commodity scheme',
      (o: Offer) => ({ ...o, grade: 'jumbo' }),
      'CATALOG_GRADE_UNKNOWN',
    ],
    ['negative rupiah', (o: Offer) => ({ ...o, unitPriceIdr: -26500 }), 'VALIDATION_FAILED'],
    ['fractional rupiah', (o: Offer) => ({ ...o, unitPriceIdr: 26500.5 }), 'VALIDATION_FAILED'],
    [
      'available-until before available-from',
      (o: Offer) => ({ ...o, availableUntil: '2029-12-01T00:00:00Z' }),
      'CATALOG_OFFER_WINDOW_INVALID',
    ],
    ['an unknown field', (o: Offer) => ({ ...o, discount: 10 }), 'VALIDATION_FAILED'],
    [
      'a production date in the future',
      (o: Offer) => ({ ...o, productionDate: '2099-01-01T00:00:00Z' }),
      'CATALOG_OFFER_PRODUCTION_DATE_IN_FUTURE',
    ],
    [
      'eggs laid beyond their shelf life',
      (o: Offer) => ({ ...o, productionDate: '2020-01-01T00:00:00Z' }),
      'CATALOG_OFFER_SHELF_LIFE_ENDED',
    ],
    [
      'a minimum order above the offered quantity',
      (o: Offer) => ({ ...o, minOrderQuantity: 1000.5 }),
      'CATALOG_OFFER_MIN_ORDER_INVALID',
    ],
    [
      'an oversized string',
      (o: Offer) => ({ ...o, originHub: 'B'.repeat(10_000) }),
      'VALIDATION_FAILED',
    ],
    ['a body that is not JSON', () => '{"producerId": ', 'MALFORMED_JSON'],
  ] as Array<[string, (offer: Offer) => unknown, string]>)(
    'refuses %s with a 400 and writes nothing',
    async (_label, change, code) => {
      const before = await written();
      const response = await call('POST', '/offers', producer, change(eggOffer));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, code });
      expect(await written()).toEqual(before);
    },
  );
});
