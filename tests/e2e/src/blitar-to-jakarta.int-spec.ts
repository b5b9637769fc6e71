import type { EventEnvelope } from '@simpul/contracts';
import { TopicNamer } from '@simpul/messaging';
import {
  authHeader,
  expectEventually,
  readTopic,
  offerRequestFixture,
  registerActiveProducer,
  startTestService,
  testKafka,
  type TestService,
} from '@simpul/testing';

const DAY = 24 * 3_600_000;
const json = { 'content-type': 'application/json' };
const pasarJaya = authHeader('bumd', 'pasar-jaya');
const operator = authHeader('btc-operator');

/** catalog → orders → logistics → orders and catalog, as separate processes on one broker. */
describe('an egg offer from Blitar reaches Pasar Induk Kramat Jati', () => {
  const kafka = testKafka('e2e-flow');
  let catalog: TestService;
  let orders: TestService;
  let logistics: TestService;

  beforeAll(async () => {
    catalog = await startTestService('catalog', 'flow_catalog');
    const shared = { KAFKA_TOPIC_PREFIX: catalog.topicPrefix };
    orders = await startTestService('orders', 'flow_orders', shared);
    logistics = await startTestService('logistics', 'flow_logistics', {
      ...shared,
      DISPATCH_PLANNING_INTERVAL_MS: '300',
      // Every load leaves at once here; holding thin loads is tested in hold-policy.spec.ts.
      DISPATCH_HOLD_BELOW_FILL: '0',
    });
  });

  afterAll(async () => {
    await logistics?.stop();
    await orders?.stop();
    await catalog?.stop();
  });

  const get = async <T>(url: string, headers = operator) =>
    (await (await fetch(url, { headers })).json()) as T;

  it('is matched, planned, delivered with a rejected line, and each service shows its part', async () => {
    const producerId = await registerActiveProducer(catalog.url);
    const now = Date.now();
    const offer = await fetch(`${catalog.url}/offers`, {
      method: 'POST',
      headers: { ...json, ...authHeader('producer', producerId) },
      body: JSON.stringify(offerRequestFixture(producerId)),
    });
    expect(offer.status).toBe(201);
    const offerId = ((await offer.json()) as { id: string }).id;
    const placed = await fetch(`${orders.url}/purchase-requests`, {
      method: 'POST',
      headers: { ...json, ...pasarJaya },
      body: JSON.stringify({
        commodityCode: 'EGG',
        quantity: { amount: 1000, unit: 'kg' },
        maxUnitPriceIdr: 28_000,
        minGrade: 'medium',
        destinationCode: 'PIKJ',
        deliverBy: new Date(now + 3 * DAY).toISOString(),
        expiresAt: new Date(now + 2 * DAY).toISOString(),
      }),
    });
    expect(placed.status).toBe(202);
    const { requestId } = (await placed.json()) as { requestId: string };

    const order = await expectEventually(
      async () => {
        const [found] = await get<{ id: string; status: string }[]>(
          `${orders.url}/orders?limit=5`,
          pasarJaya,
        );
        expect(found).toMatchObject({ status: 'in_fulfilment' });
        return found;
      },
      { timeoutMs: 60_000 },
    );
    const shipments = await get<{ id: string; status: string; destinationCode: string }[]>(
      `${logistics.url}/shipments`,
      pasarJaya,
    );
    expect(shipments).toEqual([
      expect.objectContaining({ status: 'planned', destinationCode: 'PIKJ' }),
    ]);
    const shipment = await get<{ id: string; lines: { allocationId: string; amount: number }[] }>(
      `${logistics.url}/shipments/${shipments[0].id}`,
      pasarJaya,
    );
    expect(shipment.lines).toEqual([expect.objectContaining({ amount: 1000 })]);
    const post = (path: string, body: unknown = {}, headers = operator) =>
      fetch(`${logistics.url}/shipments/${shipment.id}/${path}`, {
        method: 'POST',
        headers: { ...json, ...headers },
        body: JSON.stringify(body),
      });
    for (const step of ['loading', 'depart', 'arrive']) expect((await post(step)).status).toBe(200);
    const allocationId = shipment.lines[0].allocationId;
    const delivered = await post(
      'deliver',
      {
        lines: [
          {
            allocationId,
            receivedAmount: 985,
            rejectedAmount: 15,
            rejectionReason: 'cracked eggs',
          },
        ],
      },
      pasarJaya,
    );
    expect(delivered.status).toBe(200);

    await expectEventually(async () => {
      const current = await get<{
        status: string;
        lines: { receivedAmount: number; rejectedAmount: number }[];
      }>(`${orders.url}/orders/${order.id}`, pasarJaya);
      expect(current.status).toBe('partially_delivered');
      expect(current.lines).toEqual([
        expect.objectContaining({ receivedAmount: 985, rejectedAmount: 15 }),
      ]);
    });
    await expectEventually(async () => {
      const allocations = await get<unknown[]>(
        `${catalog.url}/offers/${offerId}/allocations`,
        authHeader('producer', producerId),
      );
      expect(allocations).toEqual([
        expect.objectContaining({
          allocationId,
          receivedAmount: 985,
          rejectedAmount: 15,
          rejectionReason: 'cracked eggs',
        }),
      ]);
    });
    const request = await get<{ status: string }>(
      `${orders.url}/purchase-requests/${requestId}`,
      pasarJaya,
    );
    expect(request.status).toBe('matched');
    const events = (
      await readTopic(kafka, new TopicNamer(catalog.topicPrefix).physical('orders.orders.v1'))
    ).map((m) => JSON.parse(m.value as string) as EventEnvelope);
    expect(events.filter((e) => e.subject === order.id).map((e) => e.type)).toEqual([
      'orders.order.confirmed',
      'orders.order.status-changed',
      'orders.order.status-changed',
    ]);
  });
});
