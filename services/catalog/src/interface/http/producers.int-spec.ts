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

const registration = (nib: string) => ({
  nib,
  businessName: 'UD Sapi Sejahtera',
  ownerName: 'Budi Santoso',
  phone: '081234567890',
  kecamatan: 'Wlingi',
  kelurahan: 'Beru',
  categories: ['peternakan'],
  halalCertified: true,
});

const offerOf = (producerId: string, commodityCode = 'EGG', grade = 'medium') => ({
  producerId,
  commodityCode,
  quantity: { amount: 100, unit: 'kg' },
  unitPriceIdr: 26500,
  grade,
  availableFrom: '2030-01-01T00:00:00Z',
  availableUntil: '2030-01-10T00:00:00Z',
  originHub: 'BTC-BLITAR',
});

describe('catalog: producers and who may publish', () => {
  let namer: TopicNamer;
  const operator = authHeader('btc-operator');
  let catalog: TestService;

  beforeAll(async () => {
    catalog = await startTestService('catalog', 'producers');
    namer = new TopicNamer(catalog.topicPrefix);
  });

  afterAll(async () => {
    await catalog?.stop();
  });

  const call = async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ) => {
    const response = await fetch(`${catalog.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it.each([
    ['12 digits', '123456789012'],
    ['14 digits', '12345678901234'],
    ['letters', '12345678901AB'],
  ])('refuses a NIB of %s with 400 VALIDATION_FAILED', async (_label, nib) => {
    const count = async () =>
      ((await call('GET', '/producers', operator)).body as unknown as unknown[]).length;
    const before = await count();
    const { status, body } = await call('POST', '/producers', operator, registration(nib));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(String(body['message'])).toContain('nib must be exactly 13 digits');
    expect(await count()).toBe(before);
  });

  it('registers a producer pending verification, once per NIB, and announces it', async () => {
    const registered = await call('POST', '/producers', operator, registration('3505123456789'));
    expect(registered).toMatchObject({
      status: 201,
      body: { status: 'pending_verification', kecamatan: 'Wlingi' },
    });
    const again = await call('POST', '/producers', operator, registration('3505123456789'));
    expect(again).toMatchObject({ status: 409, body: { code: 'CATALOG_PRODUCER_NIB_TAKEN' } });
    const id = registered.body['id'] as string;
    const kafka = testKafka('producers-test');
    const events = await expectEventually(async () => {
      const found = (await readTopic(kafka, namer.physical(TOPICS.catalogProducers.name))).filter(
        (m) => m.key === id,
      );
      expect(found).toHaveLength(1);
      return found;
    });
    expect(events[0].headers['event-type']).toBe('catalog.producer.registered');
  });

  it('lets only an active producer publish: pending and suspended ones are refused', async () => {
    const pending = await call('POST', '/producers', operator, registration('3505000000001'));
    const id = pending.body['id'] as string;
    const asProducer = authHeader('producer', id);
    expect(await call('POST', '/offers', asProducer, offerOf(id))).toMatchObject({
      status: 409,
      body: { code: 'CATALOG_PRODUCER_NOT_ACTIVE' },
    });

    expect((await call('POST', `/producers/${id}/verify`, operator, {})).body).toMatchObject({
      status: 'active',
    });
    expect((await call('POST', '/offers', asProducer, offerOf(id))).status).toBe(201);

    expect(await call('POST', `/producers/${id}/suspend`, operator, {})).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    const suspended = await call('POST', `/producers/${id}/suspend`, operator, {
      reason: 'eggs failed inspection',
    });
    expect(suspended.body).toMatchObject({
      status: 'suspended',
      statusReason: 'eggs failed inspection',
    });
    expect(await call('POST', '/offers', asProducer, offerOf(id))).toMatchObject({
      status: 409,
      body: { code: 'CATALOG_PRODUCER_NOT_ACTIVE' },
    });
    expect(
      await call('POST', `/producers/${id}/suspend`, operator, { reason: 'again' }),
    ).toMatchObject({ status: 409, body: { code: 'CATALOG_PRODUCER_TRANSITION_NOT_ALLOWED' } });
  });

  it('refuses beef from a producer without an NKV number', async () => {
    const id = await registerActiveProducer(catalog.url, { categories: ['peternakan'] });
    expect(
      await call('POST', '/offers', authHeader('producer', id), offerOf(id, 'BEEF', 'hindquarter')),
    ).toMatchObject({
      status: 422,
      body: { code: 'CATALOG_CERTIFICATE_MISSING', message: 'BEEF needs nkv certification' },
    });
    const certified = await registerActiveProducer(catalog.url, {
      categories: ['peternakan'],
      nkvNumber: 'NKV-3505-0042',
    });
    expect(
      (
        await call(
          'POST',
          '/offers',
          authHeader('producer', certified),
          offerOf(certified, 'BEEF', 'hindquarter'),
        )
      ).status,
    ).toBe(201);
  });

  it('shows a producer only itself', async () => {
    const id = await registerActiveProducer(catalog.url);
    const other = await registerActiveProducer(catalog.url);
    expect((await call('GET', `/producers/${id}`, authHeader('producer', id))).status).toBe(200);
    expect(await call('GET', `/producers/${other}`, authHeader('producer', id))).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect((await call('GET', '/producers', authHeader('producer', id))).status).toBe(403);
  });
});
