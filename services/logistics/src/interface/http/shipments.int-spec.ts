import {
  createEnvelope,
  type EventEnvelope,
  OrderConfirmed,
  type OrderConfirmedV1,
  OrderStatusChanged,
} from '@simpul/contracts';
import { EventPublisher, TopicNamer } from '@simpul/messaging';
import { toOutboxRecord } from '@simpul/persistence';
import {
  authHeader,
  expectEventually,
  orderConfirmedFixture,
  readTopic,
  startTestService,
  testKafka,
  type TestService,
} from '@simpul/testing';

const HOUR = 3_600_000;
const json = { 'content-type': 'application/json' };
const operator = authHeader('btc-operator');

describe('logistics: confirmed orders become shipments tracked to delivery', () => {
  const kafka = testKafka('logistics-test');
  let logistics: TestService;
  let publisher: EventPublisher;
  let next = 0x9000;

  beforeAll(async () => {
    logistics = await startTestService('logistics', 'logistics_shipments', {
      DISPATCH_PLANNING_INTERVAL_MS: '300',
      // Every load leaves at once here; holding thin loads is tested in hold-policy.spec.ts.
      DISPATCH_HOLD_BELOW_FILL: '0',
      DELAY_CHECK_INTERVAL_MS: '300',
    });
    publisher = new EventPublisher(kafka, new TopicNamer(logistics.topicPrefix));
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await logistics?.stop();
  });

  const shipmentsTopic = () =>
    new TopicNamer(logistics.topicPrefix).physical('logistics.shipments.v1');
  const eventsOf = async (type: string, id: string) =>
    (await readTopic(kafka, shipmentsTopic()))
      .map((m) => JSON.parse(m.value as string) as EventEnvelope<Record<string, unknown>>)
      .filter((e) => e.type === type && JSON.stringify(e.data).includes(id));

  function confirmedOrder(amount: number, buyerId = 'pasar-jaya', destinationCode = 'PIKJ') {
    next += 2;
    return orderConfirmedFixture(
      { order: next, request: next + 1, allocation: next + 0x10000 },
      amount,
      { buyerId, destinationCode },
    );
  }

  const publish = (envelope: EventEnvelope<OrderConfirmedV1>) =>
    publisher.publish([toOutboxRecord(OrderConfirmed, envelope)]);

  async function plannedShipmentOf(orderId: string): Promise<string> {
    const [planned] = await expectEventually(
      async () => {
        const events = await eventsOf('logistics.shipment.planned', orderId);
        expect(events).toHaveLength(1);
        return events;
      },
      { timeoutMs: 30_000 },
    );
    return planned.data['shipmentId'] as string;
  }

  const post = (path: string, body: unknown = {}, who = operator) =>
    fetch(`${logistics.url}${path}`, {
      method: 'POST',
      headers: { ...json, ...who },
      body: JSON.stringify(body),
    });

  it('plans a confirmed order once, even when its event is delivered twice', async () => {
    const order = confirmedOrder(600);
    await publish(order);
    await publish(order);
    await plannedShipmentOf(order.data.orderId);
    // A later order is planned in a later round: by then a second plan of the first would show.
    const marker = confirmedOrder(50);
    await publish(marker);
    await plannedShipmentOf(marker.data.orderId);

    expect(await eventsOf('logistics.shipment.planned', order.data.orderId)).toHaveLength(1);
  });

  it('tracks a shipment to a delivery with a rejected line, and lets only the right people act', async () => {
    const order = confirmedOrder(800);
    await publish(order);
    const shipmentId = await plannedShipmentOf(order.data.orderId);
    const allocationId = order.data.lines[0].allocationId;

    expect(
      (await post(`/shipments/${shipmentId}/loading`, {}, authHeader('bumd', 'pasar-jaya'))).status,
    ).toBe(403);
    expect((await post(`/shipments/${shipmentId}/depart`)).status).toBe(409);
    expect((await post(`/shipments/${shipmentId}/loading`)).status).toBe(200);
    const departed = await (await post(`/shipments/${shipmentId}/depart`)).json();
    expect(departed).toMatchObject({ status: 'departed' });
    const stranger = authHeader('driver', 'cv-not-this-carrier');
    expect((await post(`/shipments/${shipmentId}/arrive`, {}, stranger)).status).toBe(403);
    expect((await post(`/shipments/${shipmentId}/arrive`)).status).toBe(200);
    const otherBuyer = authHeader('bumd', 'food-station');
    expect(
      (await fetch(`${logistics.url}/shipments/${shipmentId}`, { headers: otherBuyer })).status,
    ).toBe(403);
    const unexplained = await post(
      `/shipments/${shipmentId}/deliver`,
      {
        lines: [{ allocationId, receivedAmount: 790, rejectedAmount: 10 }],
      },
      authHeader('bumd', 'pasar-jaya'),
    );
    expect(unexplained.status).toBe(400);
    expect(await unexplained.json()).toMatchObject({
      code: 'LOGISTICS_SHIPMENT_REJECTION_REASON_REQUIRED',
    });

    const delivered = await post(
      `/shipments/${shipmentId}/deliver`,
      {
        lines: [
          {
            allocationId,
            receivedAmount: 790,
            rejectedAmount: 10,
            rejectionReason: 'cracked eggs',
          },
        ],
      },
      authHeader('bumd', 'pasar-jaya'),
    );
    expect(delivered.status).toBe(200);

    const [event] = await expectEventually(async () => {
      const events = await eventsOf('logistics.shipment.delivered', shipmentId);
      expect(events).toHaveLength(1);
      return events;
    });
    expect(event.data['lines']).toEqual([
      {
        orderId: order.data.orderId,
        allocationId,
        receivedAmount: 790,
        rejectedAmount: 10,
        rejectionReason: 'cracked eggs',
      },
    ]);
    expect(event.tenantId).toBe('pasar-jaya');
  });

  it('raises one delay for an overdue shipment, however many checks run', async () => {
    const order = confirmedOrder(300);
    await publish(order);
    const shipmentId = await plannedShipmentOf(order.data.orderId);
    expect((await post(`/shipments/${shipmentId}/loading`)).status).toBe(200);
    // Departed 30 h ago on an ~18 h route: overdue now.
    const at = new Date(Date.now() - 30 * HOUR).toISOString();
    expect((await post(`/shipments/${shipmentId}/depart`, { at })).status).toBe(200);

    await expectEventually(async () =>
      expect(await eventsOf('logistics.shipment.delayed', shipmentId)).toHaveLength(1),
    );
    // Proving an absence takes time: five check rounds (300 ms apart) must add nothing.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await eventsOf('logistics.shipment.delayed', shipmentId)).toHaveLength(1);
    const shipment = await (
      await fetch(`${logistics.url}/shipments/${shipmentId}`, { headers: operator })
    ).json();
    expect(shipment).toMatchObject({ delayed: true });

    // A checkpoint moves the ETA, still in the past: the checker, still running, reports that delay once.
    const passedAt = new Date(Date.now() - 20 * HOUR).toISOString();
    const moved = await post(`/shipments/${shipmentId}/checkpoints`, {
      checkpoint: 'Gerbang Tol Cikampek',
      kmFromOrigin: 700,
      at: passedAt,
    });
    expect(moved.status).toBe(200);
    const delays = await expectEventually(async () => {
      const events = await eventsOf('logistics.shipment.delayed', shipmentId);
      expect(events).toHaveLength(2);
      return events;
    });
    expect(new Set(delays.map((e) => e.data['eta'])).size).toBe(2);
  });

  it('plans the lines of a failed shipment again', async () => {
    const order = confirmedOrder(400);
    await publish(order);
    const first = await plannedShipmentOf(order.data.orderId);
    const failed = await post(`/shipments/${first}/fail`, { reason: 'axle broke at BTC' });
    expect(failed.status).toBe(200);

    const plans = await expectEventually(
      async () => {
        const events = await eventsOf('logistics.shipment.planned', order.data.orderId);
        expect(events).toHaveLength(2);
        return events;
      },
      { timeoutMs: 30_000 },
    );
    // Read back partition by partition, the two plans come in any order: two loads, one the first.
    const loads = new Set(plans.map((p) => p.data['shipmentId']));
    expect(loads.size).toBe(2);
    expect(loads).toContain(first);
  });

  const askToCancel = (order: EventEnvelope<OrderConfirmedV1>) =>
    publisher.publish([
      toOutboxRecord(
        OrderStatusChanged,
        createEnvelope(OrderStatusChanged, {
          source: 'orders',
          subject: order.data.orderId,
          tenantId: order.data.buyerId,
          data: {
            orderId: order.data.orderId,
            buyerId: order.data.buyerId,
            status: 'cancelling',
            reason: 'cancelled by the buyer',
          },
        }),
      ),
    ]);

  const answerTo = async (order: EventEnvelope<OrderConfirmedV1>) => {
    const answers = await expectEventually(async () => {
      const events = [
        ...(await eventsOf('logistics.order.released', order.data.orderId)),
        ...(await eventsOf('logistics.order.release-refused', order.data.orderId)),
      ];
      expect(events).toHaveLength(1);
      return events;
    });
    return answers[0];
  };

  it('releases an order whose load has not started loading: off the load, which fails empty', async () => {
    const order = confirmedOrder(350, 'food-station', 'PIBC');
    await publish(order);
    const shipmentId = await plannedShipmentOf(order.data.orderId);
    await askToCancel(order);

    const answer = await answerTo(order);
    expect(answer).toMatchObject({
      type: 'logistics.order.released',
      tenantId: 'food-station',
      data: { orderId: order.data.orderId, shipmentIds: [shipmentId] },
    });
    const [failed] = await eventsOf('logistics.shipment.failed', shipmentId);
    expect(failed.data['reason']).toBe('every order on it was cancelled before loading');
    const shipment = await (
      await fetch(`${logistics.url}/shipments/${shipmentId}`, { headers: operator })
    ).json();
    expect(shipment).toMatchObject({ status: 'failed', lines: [] });
  });

  it('refuses to release an order whose load has started loading: the load keeps it', async () => {
    const order = confirmedOrder(420, 'food-station', 'PIBC');
    await publish(order);
    const shipmentId = await plannedShipmentOf(order.data.orderId);
    expect((await post(`/shipments/${shipmentId}/loading`)).status).toBe(200);
    await askToCancel(order);

    const answer = await answerTo(order);
    expect(answer).toMatchObject({
      type: 'logistics.order.release-refused',
      tenantId: 'food-station',
      data: {
        orderId: order.data.orderId,
        shipmentId,
        shipmentStatus: 'loading',
        reason: `shipment ${shipmentId} is already loading`,
      },
    });
    const shipment = (await (
      await fetch(`${logistics.url}/shipments/${shipmentId}`, { headers: operator })
    ).json()) as { status: string; lines: { orderId: string }[] };
    expect(shipment.status).toBe('loading');
    expect(shipment.lines.map((line) => line.orderId)).toContain(order.data.orderId);
    expect(await eventsOf('logistics.shipment.failed', shipmentId)).toEqual([]);
  });
});
