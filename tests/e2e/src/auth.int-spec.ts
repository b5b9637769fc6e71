import { JwtService } from '@nestjs/jwt';
import {
  allocatePort,
  authHeader,
  createTestDatabase,
  registerActiveProducer,
  type ServiceProcess,
  startService,
  testKafkaBrokers,
  type TestDatabase,
  uniqueTopicPrefix,
} from '@simpul/testing';

const offer = (producerId: string) => ({
  producerId,
  commodityCode: 'EGG',
  quantity: { amount: 500, unit: 'kg' },
  unitPriceIdr: 26500,
  grade: 'medium',
  availableFrom: '2030-01-01T00:00:00Z',
  availableUntil: '2030-01-10T00:00:00Z',
  originHub: 'BTC-BLITAR',
});

describe('bearer tokens and roles', () => {
  let database: TestDatabase;
  let catalog: ServiceProcess;
  let PRODUCER: string;
  let OTHER_PRODUCER: string;

  beforeAll(async () => {
    database = await createTestDatabase('auth');
    catalog = await startService('catalog', {
      PORT: String(allocatePort()),
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
    });
    PRODUCER = await registerActiveProducer(catalog.url);
    OTHER_PRODUCER = await registerActiveProducer(catalog.url);
  });

  afterAll(async () => {
    await catalog?.stop('SIGKILL');
    await database?.drop();
  });

  const post = (body: object, headers: Record<string, string>) =>
    fetch(`${catalog.url}/offers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const errorOf = async (response: Response) => ({
    status: response.status,
    code: ((await response.json()) as { code: string }).code,
  });

  it.each([
    ['no token', {}],
    ['a malformed header', { authorization: 'Token abc' }],
    ['a garbage token', { authorization: 'Bearer not.a.jwt' }],
    [
      'a token signed with another secret',
      {
        authorization: `Bearer ${new JwtService().sign({ role: 'btc-operator' }, { secret: 'x'.repeat(40), subject: 's', issuer: 'simpul', audience: 'simpul' })}`,
      },
    ],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_label, headers) => {
    expect(await errorOf(await post(offer(PRODUCER), headers))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses a role the endpoint does not allow with 403 FORBIDDEN', async () => {
    expect(await errorOf(await post(offer(PRODUCER), authHeader('bumd', 'buyer-1')))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it('refuses a producer publishing for another producer, and writes nothing', async () => {
    expect(
      await errorOf(await post(offer(OTHER_PRODUCER), authHeader('producer', PRODUCER))),
    ).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('lets a producer publish for itself and a BTC operator for any producer', async () => {
    expect((await post(offer(PRODUCER), authHeader('producer', PRODUCER))).status).toBe(201);
    expect((await post(offer(OTHER_PRODUCER), authHeader('btc-operator'))).status).toBe(201);
  });

  it('keeps health checks open without a token', async () => {
    expect((await fetch(`${catalog.url}/health/live`)).status).toBe(200);
  });
});
