import { JwtService } from '@nestjs/jwt';
import { fromOpenApiPath, type Role, type RoutePermission } from '@simpul/platform';
import {
  allocatePort,
  createTestDatabase,
  expectEventually,
  offerRequestFixture,
  registerActiveProducer,
  type ServiceProcess,
  spawnService,
  startService,
  TEST_AUTH_SECRET,
  testKafkaBrokers,
  type TestDatabase,
  uniqueTopicPrefix,
} from '@simpul/testing';
import { randomUUID } from 'node:crypto';

/**
 * Issue 11, "Access": every route of every service, discovered from the running apps, called by
 * every role and tenant, checked against the permission table each service declares in code
 * (served as `x-simpul-permissions` in its OpenAPI document); tenants reach only their own
 * objects; body size limits; and nothing secret reaches the logs.
 */

const SERVICES = ['catalog', 'orders', 'logistics', 'pricing'] as const;
type Service = (typeof SERVICES)[number];
type Table = Record<string, RoutePermission>;

const DB_PASSWORD = 'db-pass-never-logged-7f3a9c';
const WEBHOOK_SECRET = 'whsec_never_logged_0123456789abcdef0123456789';
const OTHER_SECRET = 'another-secret-that-signs-nothing-here-0123456789';
const DAY = 24 * 3_600_000;
const CARRIER = 'cv-penataran-jaya-trans';

/** Tokens of this suite, each with its own subject; every one is checked against the logs. */
const issuedTokens: string[] = [];
function token(role: Role, tenant: string | undefined, subject: string, secret = TEST_AUTH_SECRET) {
  const signed = new JwtService().sign(
    { role, ...(tenant ? { tenant } : {}) },
    { secret, algorithm: 'HS256', subject, issuer: 'simpul', audience: 'simpul', expiresIn: 3600 },
  );
  issuedTokens.push(signed);
  return signed;
}

interface Caller {
  name: string;
  role?: Role;
  tenant?: string;
  headers: Record<string, string>;
}

const bearer = (value: string) => ({ authorization: `Bearer ${value}` });
function caller(name: string, role: Role, tenant?: string): Caller {
  return { name, role, tenant, headers: bearer(token(role, tenant, `access-${name}`)) };
}

interface Answer {
  status: number;
  code?: string;
  message?: string;
  body?: unknown;
}

/** One request; a server-sent event stream is closed as soon as its status is known. */
async function call(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15_000);
  try {
    const response = await fetch(url, {
      method,
      signal: abort.signal,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      abort.abort();
      return { status: response.status };
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    const error = (parsed ?? {}) as { code?: string; message?: string };
    return { status: response.status, code: error.code, message: error.message, body: parsed };
  } finally {
    clearTimeout(timer);
  }
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

describe('access: the permission table, walked with every role and tenant', () => {
  const prefix = uniqueTopicPrefix();
  const databases: TestDatabase[] = [];
  const urls = {} as Record<Service, string>;
  const processes = {} as Record<Service, ServiceProcess>;
  const tables = {} as Record<Service, Table>;
  const documented = {} as Record<Service, string[]>;

  let producerA: string;
  let producerB: string;
  let callers: Caller[];
  const by = (name: string): Caller => {
    const found = callers.find((c) => c.name === name);
    if (!found) throw new Error(`no caller ${name}`);
    return found;
  };

  const withPassword = (url: string) =>
    url.replace(/^postgres(ql)?:\/\/([^:@/]+)(:[^@]*)?@/, `postgres://$2:${DB_PASSWORD}@`);

  beforeAll(async () => {
    const extra: Record<Service, Record<string, string>> = {
      catalog: {},
      orders: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_REQUIRE_HTTPS: 'false' },
      logistics: { DISPATCH_PLANNING_INTERVAL_MS: '300', DISPATCH_HOLD_BELOW_FILL: '0' },
      pricing: {},
    };
    await Promise.all(
      SERVICES.map(async (service) => {
        const database = await createTestDatabase(`access_${service}`);
        databases.push(database);
        processes[service] = await startService(service, {
          PORT: String(allocatePort()),
          DATABASE_URL: withPassword(database.url),
          KAFKA_BROKERS: testKafkaBrokers(),
          KAFKA_TOPIC_PREFIX: prefix,
          // Everything a service may log, so that a leak would show; a limit the walk stays under.
          LOG_LEVEL: 'verbose',
          RATE_LIMIT_PER_MINUTE: '2000',
          ...extra[service],
        });
        urls[service] = processes[service].url;
        const document = (await (await fetch(`${urls[service]}/docs-json`)).json()) as {
          paths: Record<string, Record<string, unknown>>;
          'x-simpul-permissions': Table;
        };
        tables[service] = document['x-simpul-permissions'];
        documented[service] = Object.entries(document.paths).flatMap(([path, operations]) =>
          Object.keys(operations)
            .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
            .map((method) => `${method.toUpperCase()} ${fromOpenApiPath(path)}`),
        );
      }),
    );
    producerA = await registerActiveProducer(urls.catalog);
    producerB = await registerActiveProducer(urls.catalog);
    callers = [
      caller('producer A', 'producer', producerA),
      caller('producer B', 'producer', producerB),
      caller('bumd pasar-jaya', 'bumd', 'pasar-jaya'),
      caller('bumd food-station', 'bumd', 'food-station'),
      caller('driver', 'driver', CARRIER),
      caller('btc-operator', 'btc-operator'),
      caller('analyst', 'analyst'),
      caller('platform-admin', 'platform-admin'),
      { name: 'no token', headers: {} },
      {
        name: 'bad token',
        headers: bearer(token('btc-operator', undefined, 'forger', OTHER_SECRET)),
      },
    ];
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(processes).map((p) => p.stop('SIGKILL')));
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('has a table entry for every route each service registers', () => {
    const missing = SERVICES.flatMap((service) =>
      documented[service]
        .filter((key) => !tables[service][key])
        .map((key) => `${service}: ${key} has no entry in the permission table`),
    );
    expect(missing).toEqual([]);
    for (const service of SERVICES) expect(documented[service].length).toBeGreaterThan(2);
  });

  it('answers every route for every role and tenant as its table says', async () => {
    const fill = (path: string, who: Caller) =>
      path
        .replace(
          /^\/producers\/:id/,
          `/producers/${who.role === 'producer' ? who.tenant : randomUUID()}`,
        )
        .replace(':buyerId', who.role === 'bumd' ? (who.tenant ?? '') : 'pasar-jaya')
        .replace(':plate', 'N 0000 ZZ')
        .replace(':commodity', 'EGG')
        .replace(/:id\b/g, randomUUID());
    const calls = SERVICES.flatMap((service) => {
      const keys = [...new Set([...documented[service], ...Object.keys(tables[service])])];
      return keys.flatMap((key) => callers.map((who) => ({ service, key, who })));
    });
    const wrong: string[] = [];
    await inParallel(calls, 8, async ({ service, key, who }) => {
      const entry = tables[service][key];
      const [method, path] = key.split(' ');
      const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
      const answer = await call(`${urls[service]}${fill(path, who)}`, method, who.headers, body);
      const said = `${service} ${key} as ${who.name}: ${answer.status} ${answer.code ?? ''} ${answer.message ?? ''}`;
      if (!entry) return void wrong.push(`${said} — the route has no permission entry`);
      if (entry.tenant === 'public') {
        if (answer.status >= 400) wrong.push(`${said} — a public route refused`);
        return;
      }
      if (!who.role) {
        if (answer.status !== 401 || answer.code !== 'UNAUTHENTICATED')
          wrong.push(`${said} — expected 401 UNAUTHENTICATED`);
        return;
      }
      if (!entry.roles.includes(who.role)) {
        if (answer.status !== 403 || answer.code !== 'FORBIDDEN')
          wrong.push(`${said} — expected 403 FORBIDDEN (allowed: ${entry.roles.join(', ')})`);
        return;
      }
      if (answer.status === 401 || answer.status === 403 || answer.status >= 500)
        wrong.push(`${said} — an allowed role must get neither 401/403 nor 5xx`);
    });
    expect(wrong.sort()).toEqual([]);
    expect(calls.length).toBeGreaterThan(600);
  }, 120_000);

  describe('tenants', () => {
    const operator = () => by('btc-operator').headers;
    const pasarJaya = () => by('bumd pasar-jaya').headers;
    let offerA: string;
    let draftA: string;
    let requestId: string;
    let orderId: string;
    let subscriptionId: string;
    let deliveryId: string;
    let shipment: {
      id: string;
      carrier: string;
      lines: { allocationId: string; amount: number }[];
    };
    let ownDriver: Caller;
    let otherDriver: Caller;

    const offerBody = (producerId: string, extra: Record<string, unknown> = {}) =>
      offerRequestFixture(producerId, extra);
    const requestBody = (extra: object = {}) => {
      const now = Date.now();
      return {
        commodityCode: 'EGG',
        quantity: { amount: 1000, unit: 'kg' },
        maxUnitPriceIdr: 28_000,
        minGrade: 'medium',
        destinationCode: 'PIKJ',
        deliverBy: new Date(now + 3 * DAY).toISOString(),
        expiresAt: new Date(now + 2 * DAY).toISOString(),
        ...extra,
      };
    };
    const ok = async (
      service: Service,
      method: string,
      path: string,
      headers: object,
      body?: unknown,
    ) => {
      const answer = await call(
        `${urls[service]}${path}`,
        method,
        headers as Record<string, string>,
        body,
      );
      if (answer.status >= 300)
        throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as Record<string, unknown> & unknown[];
    };

    beforeAll(async () => {
      const producer = by('producer A').headers;
      offerA = (await ok('catalog', 'POST', '/offers', producer, offerBody(producerA)))
        .id as string;
      draftA = (
        await ok('catalog', 'POST', '/offers', producer, offerBody(producerA, { draft: true }))
      ).id as string;
      subscriptionId = (
        await ok('orders', 'POST', '/webhooks/subscriptions', pasarJaya(), {
          url: 'http://127.0.0.1:9/simpul-events',
          eventTypes: ['*'],
          secret: WEBHOOK_SECRET,
        })
      ).id as string;
      requestId = (await ok('orders', 'POST', '/purchase-requests', pasarJaya(), requestBody()))
        .requestId as string;
      orderId = await expectEventually(
        async () => {
          const [order] = (await ok('orders', 'GET', '/orders?limit=5', pasarJaya())) as {
            id: string;
          }[];
          expect(order).toBeDefined();
          return order.id;
        },
        { timeoutMs: 60_000 },
      );
      const planned = await expectEventually(
        async () => {
          const [found] = (await ok('logistics', 'GET', '/shipments', pasarJaya())) as {
            id: string;
          }[];
          expect(found).toBeDefined();
          return found.id;
        },
        { timeoutMs: 60_000 },
      );
      shipment = (await ok('logistics', 'GET', `/shipments/${planned}`, operator())) as never;
      ownDriver = caller('driver of the shipment', 'driver', shipment.carrier);
      otherDriver = caller('driver of another carrier', 'driver', 'cv-no-such-carrier');
      deliveryId = await expectEventually(
        async () => {
          const [delivery] = (await ok(
            'orders',
            'GET',
            `/webhooks/subscriptions/${subscriptionId}/deliveries`,
            pasarJaya(),
          )) as { id: string }[];
          expect(delivery).toBeDefined();
          return delivery.id;
        },
        { timeoutMs: 30_000 },
      );
    }, 150_000);

    type Probe = { path: string; body?: unknown; who: () => Caller; service: Service };
    /**
     * For every `own` route, the other tenant's request on this tenant's object (or naming this
     * tenant in a filter or body). Bodies are valid, so that only the tenant rule can refuse.
     */
    const probes = (): Record<string, Probe[]> => {
      const producerB = () => by('producer B');
      const foodStation = () => by('bumd food-station');
      const deliver = {
        lines: shipment.lines.map((line) => ({
          allocationId: line.allocationId,
          receivedAmount: line.amount,
          rejectedAmount: 0,
        })),
      };
      const c = (path: string, body?: unknown) => ({
        service: 'catalog' as const,
        path,
        body,
        who: producerB,
      });
      const o = (path: string, body?: unknown) => ({
        service: 'orders' as const,
        path,
        body,
        who: foodStation,
      });
      const l = (path: string, who: () => Caller, body?: unknown) => ({
        service: 'logistics' as const,
        path,
        body,
        who,
      });
      const s = `/shipments/${shipment.id}`;
      return {
        'catalog POST /offers': [c('/offers', offerBody(producerA))],
        'catalog PATCH /offers/:id': [c(`/offers/${offerA}`, { unitPriceIdr: 27_000 })],
        'catalog POST /offers/:id/withdraw': [c(`/offers/${offerA}/withdraw`, {})],
        'catalog POST /offers/:id/publish': [c(`/offers/${draftA}/publish`, {})],
        'catalog GET /offers/:id/allocations': [c(`/offers/${offerA}/allocations`)],
        'catalog GET /producers/:id': [c(`/producers/${producerA}`)],
        'orders GET /buyers/:buyerId/event-topic': [o('/buyers/pasar-jaya/event-topic')],
        'orders GET /events': [o('/events?buyerId=pasar-jaya')],
        'orders GET /events/stream': [o('/events/stream?buyerId=pasar-jaya')],
        'orders POST /purchase-requests': [
          o('/purchase-requests', requestBody({ buyerId: 'pasar-jaya' })),
        ],
        'orders GET /purchase-requests': [o('/purchase-requests?buyerId=pasar-jaya')],
        'orders GET /purchase-requests/:id': [o(`/purchase-requests/${requestId}`)],
        'orders POST /purchase-requests/:id/cancel': [
          o(`/purchase-requests/${requestId}/cancel`, { reason: 'not mine' }),
        ],
        'orders GET /orders': [o('/orders?buyerId=pasar-jaya')],
        'orders GET /orders/:id': [o(`/orders/${orderId}`)],
        'orders POST /orders/:id/cancel': [o(`/orders/${orderId}/cancel`, { reason: 'not mine' })],
        'orders POST /orders/:id/close': [o(`/orders/${orderId}/close`, {})],
        'orders POST /webhooks/subscriptions': [
          o('/webhooks/subscriptions', {
            url: 'http://127.0.0.1:9/x',
            eventTypes: ['*'],
            buyerId: 'pasar-jaya',
          }),
        ],
        'orders GET /webhooks/subscriptions': [o('/webhooks/subscriptions?buyerId=pasar-jaya')],
        'orders GET /webhooks/subscriptions/:id': [o(`/webhooks/subscriptions/${subscriptionId}`)],
        'orders DELETE /webhooks/subscriptions/:id': [
          o(`/webhooks/subscriptions/${subscriptionId}`),
        ],
        'orders POST /webhooks/subscriptions/:id/pause': [
          o(`/webhooks/subscriptions/${subscriptionId}/pause`, {}),
        ],
        'orders POST /webhooks/subscriptions/:id/resume': [
          o(`/webhooks/subscriptions/${subscriptionId}/resume`, {}),
        ],
        'orders POST /webhooks/subscriptions/:id/rotate-secret': [
          o(`/webhooks/subscriptions/${subscriptionId}/rotate-secret`, {}),
        ],
        'orders GET /webhooks/subscriptions/:id/deliveries': [
          o(`/webhooks/subscriptions/${subscriptionId}/deliveries`),
        ],
        'orders GET /webhooks/deliveries/:id': [o(`/webhooks/deliveries/${deliveryId}`)],
        'orders POST /webhooks/deliveries/:id/redeliver': [
          o(`/webhooks/deliveries/${deliveryId}/redeliver`, {}),
        ],
        'logistics GET /shipments': [
          l('/shipments', foodStation),
          l('/shipments', () => otherDriver),
        ],
        'logistics GET /shipments/:id': [l(s, foodStation), l(s, () => otherDriver)],
        'logistics POST /shipments/:id/loading': [l(`${s}/loading`, () => otherDriver, {})],
        'logistics POST /shipments/:id/depart': [l(`${s}/depart`, () => otherDriver, {})],
        'logistics POST /shipments/:id/checkpoints': [
          l(`${s}/checkpoints`, () => otherDriver, {
            checkpoint: 'Gerbang Tol Ngawi',
            kmFromOrigin: 120,
          }),
        ],
        'logistics POST /shipments/:id/arrive': [l(`${s}/arrive`, () => otherDriver, {})],
        'logistics POST /shipments/:id/deliver': [
          l(`${s}/deliver`, foodStation, deliver),
          l(`${s}/deliver`, () => otherDriver, deliver),
        ],
        'logistics POST /shipments/:id/fail': [
          l(`${s}/fail`, () => otherDriver, { reason: 'not mine' }),
        ],
      };
    };

    /** The seeded objects' ids: a list answered to another tenant must hold none of them. */
    const seeded = () => [
      offerA,
      draftA,
      requestId,
      orderId,
      subscriptionId,
      deliveryId,
      shipment.id,
    ];

    it('refuses another tenant on every route that names an owned object', async () => {
      const table = probes();
      const wrong: string[] = [];
      for (const service of SERVICES) {
        for (const [key, entry] of Object.entries(tables[service])) {
          if (entry.tenant !== 'own') continue;
          const cases = table[`${service} ${key}`];
          if (!cases) {
            wrong.push(`${service} ${key} has tenant rule "own" but no tenant probe in this test`);
            continue;
          }
          for (const probe of cases) {
            const who = probe.who();
            expect(entry.own.roles).toContain(who.role);
            const [method] = key.split(' ');
            const answer = await call(
              `${urls[probe.service]}${probe.path}`,
              method,
              who.headers,
              probe.body,
            );
            const said = `${service} ${method} ${probe.path} as ${who.name}: ${answer.status} ${answer.code ?? ''}`;
            if (entry.own.via === 'scope' && answer.status === 200) {
              const items = (Array.isArray(answer.body) ? answer.body : []) as {
                id?: string;
                buyerId?: string;
              }[];
              const leaked = items.filter(
                (item) => seeded().includes(item.id ?? '') || item.buyerId === 'pasar-jaya',
              );
              if (!Array.isArray(answer.body) || leaked.length)
                wrong.push(
                  `${said} — the list shows another tenant's objects: ${JSON.stringify(leaked)}`,
                );
              continue;
            }
            if (answer.status !== 403 && answer.status !== 404)
              wrong.push(`${said} — expected 403 or 404 (${answer.message ?? ''})`);
          }
        }
      }
      expect(wrong).toEqual([]);
    }, 60_000);

    it('still lets each tenant reach its own objects, unchanged by the refusals', async () => {
      const producer = by('producer A').headers;
      expect((await ok('catalog', 'GET', `/producers/${producerA}`, producer)).id).toBe(producerA);
      expect(await ok('catalog', 'GET', `/offers/${offerA}`, producer)).toMatchObject({
        id: offerA,
        producerId: producerA,
      });
      expect(await ok('catalog', 'GET', `/offers/${draftA}`, producer)).toMatchObject({
        status: 'draft',
      });
      await ok('catalog', 'GET', `/offers/${offerA}/allocations`, producer);
      expect(
        (await call(`${urls.catalog}/offers/${draftA}`, 'GET', by('producer B').headers)).status,
      ).toBe(404);
      expect((await ok('orders', 'GET', `/purchase-requests/${requestId}`, pasarJaya())).id).toBe(
        requestId,
      );
      expect(await ok('orders', 'GET', `/orders/${orderId}`, pasarJaya())).toMatchObject({
        id: orderId,
      });
      expect(
        await ok('orders', 'GET', `/webhooks/subscriptions/${subscriptionId}`, pasarJaya()),
      ).toMatchObject({
        id: subscriptionId,
        // Not deleted by the refused DELETE (a receiver that never answers may pause it).
        status: expect.stringMatching(/^(active|paused)$/),
      });
      await ok('orders', 'GET', `/webhooks/deliveries/${deliveryId}`, pasarJaya());
      expect(await ok('logistics', 'GET', `/shipments/${shipment.id}`, pasarJaya())).toMatchObject({
        id: shipment.id,
        status: 'planned',
      });
      expect(
        await ok('logistics', 'GET', `/shipments/${shipment.id}`, ownDriver.headers),
      ).toMatchObject({
        id: shipment.id,
      });
      const own = (await ok(
        'orders',
        'GET',
        '/purchase-requests',
        by('bumd food-station').headers,
      )) as {
        buyerId: string;
      }[];
      expect(own.filter((r) => r.buyerId !== 'food-station')).toEqual([]);
    });
  });

  describe('body size limits', () => {
    const big = (bytes: number) => JSON.stringify({ reason: 'x'.repeat(bytes) });

    it('answers 413 PAYLOAD_TOO_LARGE to a JSON body over 1 MB on every service', async () => {
      for (const service of SERVICES) {
        const response = await fetch(`${urls[service]}/no-such-route-but-parsed-first`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...by('btc-operator').headers },
          body: big(1_100_000),
        });
        expect({ service, status: response.status, body: await response.json() }).toEqual({
          service,
          status: 413,
          body: expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }),
        });
      }
      const justUnder = await fetch(`${urls.orders}/orders/${randomUUID()}/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...by('btc-operator').headers },
        body: big(900_000),
      });
      expect(justUnder.status).toBe(400); // parsed, then refused by validation (reason too long)
    });

    it('takes a CSV import above the JSON limit, up to 20 MB', async () => {
      const post = (bytes: number) =>
        fetch(`${urls.pricing}/market-prices/import`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', ...by('btc-operator').headers },
          body: 'x'.repeat(bytes),
        });
      expect((await post(2_000_000)).status).not.toBe(413);
      const huge = await post(21 * 1024 * 1024);
      expect(huge.status).toBe(413);
      expect(await huge.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });
  });

  describe('logs', () => {
    it('never carry tokens, the JWT secret, webhook secrets or the database password', async () => {
      // A bad token, a rotated secret and a refused request with a token, each once more.
      await call(`${urls.orders}/orders`, 'GET', { authorization: 'Bearer not.a.jwt' });
      const rotated = 'whsec_rotated_never_logged_0123456789abcdef01234';
      const sub = (await call(
        `${urls.orders}/webhooks/subscriptions`,
        'POST',
        by('bumd pasar-jaya').headers,
        {
          url: 'http://127.0.0.1:9/other',
          eventTypes: ['*'],
          secret: WEBHOOK_SECRET,
        },
      )) as Answer & { body: { id: string } };
      expect(sub.status).toBe(201);
      await call(
        `${urls.orders}/webhooks/subscriptions/${sub.body.id}/rotate-secret`,
        'POST',
        by('bumd pasar-jaya').headers,
        { secret: rotated },
      );
      const secrets = [TEST_AUTH_SECRET, OTHER_SECRET, WEBHOOK_SECRET, rotated, DB_PASSWORD];
      for (const service of SERVICES) {
        const output = processes[service].output();
        expect(output.length).toBeGreaterThan(1000);
        for (const secret of secrets)
          expect({ service, leaked: output.includes(secret) }).toEqual({ service, leaked: false });
        const tokens = issuedTokens.filter(
          (t) => output.includes(t) || output.includes(t.split('.')[2]),
        );
        expect({ service, tokens }).toEqual({ service, tokens: [] });
        expect(output).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
      }
    });

    it('keeps the database password out of a refused or failed start', async () => {
      const run = async (env: Record<string, string>) => {
        const proc = spawnService('orders', {
          PORT: String(allocatePort()),
          KAFKA_BROKERS: testKafkaBrokers(),
          ...env,
        });
        expect(await proc.exited).toBe(1);
        return proc.output();
      };
      const invalid = await run({
        DATABASE_URL: `mysql://root:${DB_PASSWORD}@127.0.0.1/x`,
        AUTH_JWT_SECRET: 'short',
      });
      expect(invalid).toContain('DATABASE_URL');
      expect(invalid).not.toContain(DB_PASSWORD);
      const unreachable = await run({
        DATABASE_URL: `postgres://postgres:${DB_PASSWORD}@127.0.0.1:1/simpul_orders`,
        KAFKA_TOPIC_PREFIX: prefix,
      });
      expect(unreachable).toContain('ECONNREFUSED');
      expect(unreachable).not.toContain(DB_PASSWORD);
    }, 60_000);
  });
});

describe('rate limits per client', () => {
  let database: TestDatabase;
  let pricing: ServiceProcess;
  const LIMIT = 5;

  beforeAll(async () => {
    database = await createTestDatabase('access_limits');
    pricing = await startService('pricing', {
      PORT: String(allocatePort()),
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
    });
  }, 90_000);

  afterAll(async () => {
    await pricing?.stop('SIGKILL');
    await database?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${pricing.url}${path}`, { headers });

  it('answers 429 RATE_LIMITED with Retry-After once a client spends its minute, per token subject', async () => {
    const alice = bearer(token('analyst', undefined, 'limits-alice'));
    for (let i = 0; i < LIMIT; i++) expect((await get('/prices/status', alice)).status).toBe(200);
    const refused = await get('/alerts', alice);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another subject, even with the same role, has its own budget.
    const bob = bearer(token('analyst', undefined, 'limits-bob'));
    expect((await get('/prices/status', bob)).status).toBe(200);
  });

  it('limits requests without a valid token by address, and never health or metrics', async () => {
    const answers: number[] = [];
    for (let i = 0; i <= LIMIT; i++)
      answers.push((await get('/prices/status', bearer('not.a.jwt'))).status);
    expect(answers).toEqual([...Array(LIMIT).fill(401), 429]);
    for (let i = 0; i < 3 * LIMIT; i++) {
      expect((await get('/health/live')).status).toBe(200);
      expect((await get('/metrics')).status).toBe(200);
    }
    // A valid token is its own client, apart from the address's spent budget.
    expect(
      (await get('/prices/status', bearer(token('analyst', undefined, 'limits-carol')))).status,
    ).toBe(200);
  });
});
