import {
  createEnvelope,
  type EventDefinition,
  OrderReleased,
  OrderReleaseRefused,
  ShipmentDelivered,
  ShipmentFailed,
  ShipmentPlanned,
} from '@simpul/contracts';
import { EventPublisher, TopicNamer } from '@simpul/messaging';
import { toOutboxRecord } from '@simpul/persistence';
import {
  authHeader,
  expectEventually,
  readTopic,
  registerActiveProducer,
  startService,
  startTestService,
  testKafka,
  testKafkaBrokers,
  type ServiceProcess,
  type TestService,
  allocatePort,
} from '@simpul/testing';
import { Client } from 'pg';

const DAY = 24 * 3600 * 1000;
type SendAsLogistics = <T extends object>(definition: EventDefinition<T>, data: T) => Promise<void>;
const json = { 'content-type': 'application/json' };
const pasarJaya = authHeader('bumd', 'pasar-jaya');
const foodStation = authHeader('bumd', 'food-station');

describe('orders: matching offers from the catalog to BUMD purchase requests', () => {
  const kafka = testKafka('matching-test');
  let catalog: TestService;
  let orders: TestService;
  let db: Client;
  let producerId: string;
  let second: ServiceProcess | undefined;

  beforeAll(async () => {
    catalog = await startTestService('catalog', 'matching_catalog');
    orders = await startTestService('orders', 'matching_orders', {
      KAFKA_TOPIC_PREFIX: catalog.topicPrefix,
    });
    db = new Client({ connectionString: orders.database.url });
    await db.connect();
    producerId = await registerActiveProducer(catalog.url);
  });

  afterAll(async () => {
    await second?.stop('SIGKILL');
    await db?.end();
    await orders?.stop();
    await catalog?.stop();
  });

  const topic = (name: string) => new TopicNamer(catalog.topicPrefix).physical(name);

  async function publishOffer(amount: number, unitPriceIdr: number, commodityCode = 'EGG') {
    const now = Date.now();
    const response = await fetch(`${catalog.url}/offers`, {
      method: 'POST',
      headers: { ...json, ...authHeader('producer', producerId) },
      body: JSON.stringify({
        producerId,
        commodityCode,
        quantity: { amount, unit: 'kg' },
        unitPriceIdr,
        grade: { EGG: 'large', CHILI_RED_CURLY: 'super' }[commodityCode] ?? 'standard',
        availableFrom: new Date(now + 60_000).toISOString(),
        availableUntil: new Date(now + 7 * DAY).toISOString(),
        productionDate: new Date(now).toISOString(),
        originHub: 'BTC-BLITAR',
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  function requestBody(overrides: Record<string, unknown> = {}) {
    const now = Date.now();
    return {
      commodityCode: 'EGG',
      quantity: { amount: 400, unit: 'kg' },
      maxUnitPriceIdr: 28_000,
      minGrade: 'medium',
      destinationCode: 'PIKJ',
      deliverBy: new Date(now + 3 * DAY).toISOString(),
      expiresAt: new Date(now + 2 * DAY).toISOString(),
      ...overrides,
    };
  }

  async function placeRequest(overrides: Record<string, unknown> = {}, url = orders.url) {
    const response = await fetch(`${url}/purchase-requests`, {
      method: 'POST',
      headers: { ...json, ...pasarJaya },
      body: JSON.stringify(requestBody(overrides)),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { requestId: string }).requestId;
  }

  const getRequest = async (id: string, who = pasarJaya) =>
    fetch(`${orders.url}/purchase-requests/${id}`, { headers: who });

  async function settledRequest(id: string, status: string) {
    return expectEventually(
      async () => {
        const body = (await (await getRequest(id)).json()) as {
          status: string;
          orderIds: string[];
          filledAmount: number;
          unfilledReasons: { code: string }[];
        };
        expect(body.status).toBe(status);
        return body as {
          orderIds: string[];
          filledAmount: number;
          unfilledReasons: { code: string }[];
        };
      },
      { timeoutMs: 30_000 },
    );
  }

  const orderStatus = async (orderId: string) =>
    (
      (await (await fetch(`${orders.url}/orders/${orderId}`, { headers: pasarJaya })).json()) as {
        status: string;
      }
    ).status;

  const catalogRemaining = async (offerId: string) =>
    (
      (await (
        await fetch(`${catalog.url}/offers/${offerId}`, { headers: authHeader('analyst') })
      ).json()) as {
        remaining: { amount: number };
      }
    ).remaining.amount;

  it('matches an offer and a request that fit into one order and one allocation event, and the catalog follows', async () => {
    const offerId = await publishOffer(1000, 26_000);
    const requestId = await placeRequest();

    const request = await settledRequest(requestId, 'matched');
    expect(request.orderIds).toHaveLength(1);
    const order = (await (
      await fetch(`${orders.url}/orders/${request.orderIds[0]}`, { headers: pasarJaya })
    ).json()) as { lines: { explanation: { message: string } }[] };
    expect(order).toMatchObject({
      status: 'confirmed',
      buyerId: 'pasar-jaya',
      totalIdr: 400 * 26_000,
    });
    expect(order.lines).toEqual([
      expect.objectContaining({ offerId, quantity: 400, unitPriceIdr: 26_000 }),
    ]);
    expect(order.lines[0].explanation.message).toContain('price rank 1 at 26,000');

    await expectEventually(async () => expect(await catalogRemaining(offerId)).toBe(600), {
      timeoutMs: 30_000,
    });
    const events = await readTopic(kafka, topic('orders.orders.v1'));
    const made = events.filter(
      (m) => m.value?.includes('"orders.allocation.made"') && m.value.includes(requestId),
    );
    const confirmed = events.filter(
      (m) => m.value?.includes('"orders.order.confirmed"') && m.value.includes(requestId),
    );
    expect([made.length, confirmed.length]).toEqual([1, 1]);
    const envelope = JSON.parse(confirmed[0].value as string);
    expect(envelope.tenantId).toBe('pasar-jaya');
    // What logistics plans with: when the goods are at BTC, when they spoil, what the buyer needs left.
    expect(envelope.data.minShelfLifeHoursOnArrival).toBe(24);
    expect(envelope.data.lines[0]).toEqual(
      expect.objectContaining({
        availableFrom: expect.any(String),
        bestBefore: expect.any(String),
      }),
    );
  });

  it('applies a redelivered matching input once', async () => {
    await publishOffer(500, 25_000);
    const requestId = await placeRequest({ quantity: { amount: 100, unit: 'kg' } });
    await settledRequest(requestId, 'matched');
    const inputs = await readTopic(kafka, topic('orders.matching.v1'));
    const submitted = inputs.find(
      (m) => m.value?.includes('request-submitted') && m.value.includes(requestId),
    );
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic: topic('orders.matching.v1'),
      messages: [
        {
          key: submitted?.key ?? 'EGG',
          value: submitted?.value ?? '',
          headers: submitted?.headers,
        },
      ],
    });
    await producer.disconnect();
    // A later input of the same commodity is applied only after the duplicate: once it is, the duplicate was seen.
    const marker = await placeRequest({ quantity: { amount: 1, unit: 'kg' } });
    await settledRequest(marker, 'matched');

    const { rows } = await db.query('SELECT count(*)::int AS n FROM orders WHERE request_id = $1', [
      requestId,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('counts the loading hours at BTC in the time to arrive', async () => {
    // 18 h to PIKJ plus 2 h of loading: an offer ready in a minute cannot arrive within 19 h.
    const requestId = await placeRequest({
      quantity: { amount: 5, unit: 'kg' },
      deliverBy: new Date(Date.now() + 19 * 3600 * 1000).toISOString(),
      expiresAt: new Date(Date.now() + 12 * 3600 * 1000).toISOString(),
    });
    // 'open' is also the state before the engine saw it: wait for its reasons.
    await expectEventually(async () => {
      const request = (await (await getRequest(requestId)).json()) as {
        status: string;
        unfilledReasons: { code: string }[];
      };
      expect(request.status).toBe('open');
      expect(request.unfilledReasons.map((r) => r.code)).toContain('ARRIVES_AFTER_DELIVER_BY');
    });
  });

  it('lets a BUMD read only its own requests and orders', async () => {
    const requestId = await placeRequest({ quantity: { amount: 10, unit: 'kg' } });
    const { orderIds } = await settledRequest(requestId, 'matched');

    expect((await getRequest(requestId, foodStation)).status).toBe(403);
    const order = await fetch(`${orders.url}/orders/${orderIds[0]}`, { headers: foodStation });
    expect(order.status).toBe(403);
    expect(await order.json()).toMatchObject({ code: 'FORBIDDEN' });
    const listed = (await (
      await fetch(`${orders.url}/purchase-requests`, { headers: foodStation })
    ).json()) as {
      id: string;
    }[];
    expect(listed.map((r) => r.id)).not.toContain(requestId);
    const cancel = await fetch(`${orders.url}/orders/${orderIds[0]}/cancel`, {
      method: 'POST',
      headers: { ...json, ...foodStation },
      body: JSON.stringify({ reason: 'not ours' }),
    });
    expect(cancel.status).toBe(403);
  });

  it.each([
    [{ minGrade: 'jumbo' }, 'ORDERS_GRADE_UNKNOWN'],
    [{ quantity: { amount: -5, unit: 'kg' } }, 'VALIDATION_FAILED'],
    [{ quantity: { amount: 10.5, unit: 'kg' } }, 'ORDERS_QUANTITY_NOT_WHOLE_TRADING_UNITS'],
    [{ destinationCode: 'DJ-CAKUNG' }, 'ORDERS_DESTINATION_UNKNOWN'],
    [{ commodityCode: 'BEEF' }, 'ORDERS_COMMODITY_NOT_BOUGHT'],
    [{ deliverBy: '2020-01-01T00:00:00Z' }, 'ORDERS_DELIVER_BY_IN_PAST'],
    [{ maxUnitPriceIdr: '28000' }, 'VALIDATION_FAILED'],
    [{ buyerId: 'food-station' }, 'FORBIDDEN'],
  ])('refuses a bad request %j with %s, and saves nothing', async (overrides, code) => {
    const before = await db.query('SELECT count(*)::int AS n FROM purchase_requests');
    const response = await fetch(`${orders.url}/purchase-requests`, {
      method: 'POST',
      headers: { ...json, ...pasarJaya },
      body: JSON.stringify(requestBody(overrides)),
    });
    expect(response.status).toBe(code === 'FORBIDDEN' ? 403 : 400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe(code);
    expect(body.message).toEqual(expect.any(String));
    const after = await db.query('SELECT count(*)::int AS n FROM purchase_requests');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses a hub request for a buyer it does not know with 404, and saves nothing', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM purchase_requests');
    const response = await fetch(`${orders.url}/purchase-requests`, {
      method: 'POST',
      headers: { ...json, ...authHeader('btc-operator') },
      body: JSON.stringify(requestBody({ buyerId: 'no-such-bumd' })),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('ORDERS_BUYER_NOT_FOUND');
    const after = await db.query('SELECT count(*)::int AS n FROM purchase_requests');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  /** The test plays logistics: its events go through the real broker, as logistics' would. */
  async function asLogistics(use: (send: SendAsLogistics) => Promise<void>): Promise<void> {
    const publisher = new EventPublisher(kafka, new TopicNamer(catalog.topicPrefix));
    try {
      await use(async (definition, data) =>
        publisher.publish([
          toOutboxRecord(
            definition,
            createEnvelope(definition, { source: 'logistics', subject: 'shipment', data }),
          ),
        ]),
      );
    } finally {
      await publisher.disconnect();
    }
  }

  it('cancels in two steps: cancelling until logistics releases the order, then its quantity goes back to the offer', async () => {
    const offerId = await publishOffer(300, 20_000, 'CHILI_RED_CURLY');
    const requestId = await placeRequest({
      commodityCode: 'CHILI_RED_CURLY',
      quantity: { amount: 120, unit: 'kg' },
      minGrade: '1',
      maxUnitPriceIdr: 30_000,
      minShelfLifeHoursOnArrival: 0,
    });
    const { orderIds } = await settledRequest(requestId, 'matched');
    const orderId = orderIds[0];
    await expectEventually(async () => expect(await catalogRemaining(offerId)).toBe(180), {
      timeoutMs: 30_000,
    });
    const cancelOrder = (reason: string) =>
      fetch(`${orders.url}/orders/${orderId}/cancel`, {
        method: 'POST',
        headers: { ...json, ...pasarJaya },
        body: JSON.stringify({ reason }),
      });

    const cancel = await cancelOrder('market closed for Idul Fitri');
    expect(cancel.status).toBe(202);
    expect(await cancel.json()).toEqual({ orderId, status: 'cancelling' });
    expect(await orderStatus(orderId)).toBe('cancelling');
    expect((await cancelOrder('twice')).status).toBe(409);

    await asLogistics((send) =>
      send(OrderReleased, { orderId, shipmentIds: [], reason: 'market closed for Idul Fitri' }),
    );
    await expectEventually(async () => expect(await catalogRemaining(offerId)).toBe(300), {
      timeoutMs: 30_000,
    });
    expect(await orderStatus(orderId)).toBe('cancelled');
    const book = await db.query(
      'SELECT allocated::int, remaining::int FROM book_offers WHERE offer_id = $1',
      [offerId],
    );
    expect(book.rows[0]).toEqual({ allocated: 0, remaining: 300_000 });
    expect((await cancelOrder('again')).status).toBe(409);
  });

  it('follows shipments: planned, failed and planned again, delivered with a rejected line, closed', async () => {
    await publishOffer(200, 24_000);
    const requestId = await placeRequest({ quantity: { amount: 50, unit: 'kg' } });
    const { orderIds } = await settledRequest(requestId, 'matched');
    const orderId = orderIds[0];
    const orderNow = async () =>
      (await (await fetch(`${orders.url}/orders/${orderId}`, { headers: pasarJaya })).json()) as {
        status: string;
        statusReason: string | null;
        lines: {
          allocationId: string;
          receivedAmount: number | null;
          rejectionReason: string | null;
        }[];
      };
    const shipment = (n: number) => `0190a000-0000-7000-8000-00000000000${n}`;
    const eta = new Date(Date.now() + DAY).toISOString();
    await asLogistics(async (send) => {
      await send(ShipmentPlanned, {
        shipmentId: shipment(1),
        orderIds: [orderId],
        mode: 'road',
        vehicle: 'AG 8123 KA',
        plannedDeparture: new Date().toISOString(),
        eta,
      });
      await expectEventually(async () => expect((await orderNow()).status).toBe('in_fulfilment'));
      // The buyer asks to cancel; the load has started loading, so logistics refuses.
      const cancel = await fetch(`${orders.url}/orders/${orderId}/cancel`, {
        method: 'POST',
        headers: { ...json, ...pasarJaya },
        body: JSON.stringify({ reason: 'too late' }),
      });
      expect(cancel.status).toBe(202);
      await send(OrderReleaseRefused, {
        orderId,
        shipmentId: shipment(1),
        shipmentStatus: 'loading',
        reason: `shipment ${shipment(1)} is already loading`,
      });
      await expectEventually(async () =>
        expect(await orderNow()).toMatchObject({
          status: 'in_fulfilment',
          statusReason: `cancellation refused: shipment ${shipment(1)} is already loading`,
        }),
      );

      await send(ShipmentFailed, {
        shipmentId: shipment(1),
        orderIds: [orderId],
        reason: 'reefer breakdown near Ngawi',
        failedAt: new Date().toISOString(),
      });
      await expectEventually(async () => expect((await orderNow()).status).toBe('confirmed'));
      await send(ShipmentPlanned, {
        shipmentId: shipment(2),
        orderIds: [orderId],
        mode: 'road',
        vehicle: 'AG 8456 KB',
        plannedDeparture: new Date().toISOString(),
        eta,
      });
      await expectEventually(async () => expect((await orderNow()).status).toBe('in_fulfilment'));
      const [line] = (await orderNow()).lines;
      await send(ShipmentDelivered, {
        shipmentId: shipment(2),
        deliveredAt: new Date().toISOString(),
        lines: [
          {
            orderId,
            allocationId: line.allocationId,
            receivedAmount: 47,
            rejectedAmount: 3,
            rejectionReason: 'cracked eggs',
          },
        ],
      });
      const delivered = await expectEventually(async () => {
        const order = await orderNow();
        expect(order.status).toBe('partially_delivered');
        return order;
      });
      expect(delivered.lines[0]).toMatchObject({
        receivedAmount: 47,
        rejectionReason: 'cracked eggs',
      });
      const close = await fetch(`${orders.url}/orders/${orderId}/close`, {
        method: 'POST',
        headers: pasarJaya,
      });
      expect(close.status).toBe(200);
      expect((await orderNow()).status).toBe('closed');
    });
  });

  it('never over-allocates with two instances consuming together through a rebalance', async () => {
    const offerId = await publishOffer(300, 21_000, 'TOMATO');
    second = await startService('orders', {
      PORT: String(allocatePort()),
      DATABASE_URL: orders.database.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC_PREFIX: catalog.topicPrefix,
    });
    const urls = [orders.url, second.url];
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        placeRequest(
          {
            commodityCode: 'TOMATO',
            quantity: { amount: 10, unit: 'kg' },
            minGrade: 'standard',
            minShelfLifeHoursOnArrival: 0,
          },
          urls[i % 2],
        ),
      ),
    );

    await expectEventually(
      async () => {
        const { rows } = await db.query(
          'SELECT count(*)::int AS n FROM purchase_requests WHERE id = ANY($1::uuid[]) AND book_seq IS NOT NULL',
          [ids],
        );
        expect(rows[0].n).toBe(50);
      },
      { timeoutMs: 60_000 },
    );
    const lines = await db.query(
      'SELECT coalesce(sum(quantity), 0)::float AS total, count(*)::int AS n FROM order_lines WHERE offer_id = $1',
      [offerId],
    );
    expect(lines.rows[0]).toEqual({ total: 300, n: 30 });
    const requests = await db.query(
      'SELECT status, count(*)::int AS n FROM purchase_requests WHERE id = ANY($1::uuid[]) GROUP BY status ORDER BY status',
      [ids],
    );
    expect(requests.rows).toEqual([
      { status: 'matched', n: 30 },
      { status: 'open', n: 20 },
    ]);
    const book = await db.query(
      'SELECT allocated::int, remaining::int FROM book_offers WHERE offer_id = $1',
      [offerId],
    );
    expect(book.rows[0]).toEqual({ allocated: 300_000, remaining: 0 });
  });
});
