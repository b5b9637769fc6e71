import {
  createEnvelope,
  type EventEnvelope,
  OrderConfirmed,
  OrderStatusChanged,
  TOPICS,
} from '@simpul/contracts';
import { envelopeHeaders, EventPublisher, HEADER, TopicNamer } from '@simpul/messaging';
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
import { Client } from 'pg';

const operator = authHeader('btc-operator');

/** Replays (`simpul republish`) reach logistics but never put lines up for trucks nor cancel loads. */
describe('logistics: events marked as replays act on nothing', () => {
  const kafka = testKafka('logistics-replay-test');
  let logistics: TestService;
  let publisher: EventPublisher;
  let db: Client;
  let next = 0xa000;

  beforeAll(async () => {
    logistics = await startTestService('logistics', 'logistics_replay', {
      DISPATCH_PLANNING_INTERVAL_MS: '300',
      DISPATCH_HOLD_BELOW_FILL: '0',
    });
    publisher = new EventPublisher(kafka, new TopicNamer(logistics.topicPrefix));
    db = new Client({ connectionString: logistics.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await publisher?.disconnect();
    await logistics?.stop();
  });

  const ordersTopic = () =>
    new TopicNamer(logistics.topicPrefix).physical(TOPICS.ordersOrders.name);
  const shipmentEvents = async (type: string, id: string) =>
    (
      await readTopic(
        kafka,
        new TopicNamer(logistics.topicPrefix).physical(TOPICS.logisticsShipments.name),
      )
    )
      .map((m) => JSON.parse(m.value as string) as EventEnvelope<Record<string, unknown>>)
      .filter((e) => e.type === type && JSON.stringify(e.data).includes(id));

  function confirmedOrder(amount: number) {
    next += 2;
    return orderConfirmedFixture(
      { order: next, request: next + 1, allocation: next + 0x10000 },
      amount,
    );
  }

  /** As `simpul republish` sends it: the original headers plus `simpul-replay: true`. */
  const publishReplay = (envelope: EventEnvelope) =>
    publisher.sendRaw([
      {
        topic: ordersTopic(),
        messages: [
          {
            key: (envelope.data as { orderId: string }).orderId,
            value: JSON.stringify(envelope),
            headers: {
              ...envelopeHeaders(envelope.id, envelope.type, envelope.version),
              [HEADER.replay]: 'true',
              'simpul-replay-of': 'orders.orders.v1/0/1',
            },
          },
        ],
      },
    ]);

  const inboxHas = async (eventId: string) =>
    (await db.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).rowCount === 1;

  async function plannedShipmentOf(orderId: string): Promise<string> {
    const [planned] = await expectEventually(
      async () => {
        const events = await shipmentEvents('logistics.shipment.planned', orderId);
        expect(events).toHaveLength(1);
        return events;
      },
      { timeoutMs: 30_000 },
    );
    return planned.data['shipmentId'] as string;
  }

  it('consumes a replayed confirmed order without a line to ship or a shipment', async () => {
    const replayed = confirmedOrder(400);
    await publishReplay(replayed);
    await expectEventually(async () => expect(await inboxHas(replayed.id)).toBe(true));
    // A live order after it is planned: by then a plan of the replay would show too.
    const live = confirmedOrder(300);
    await publisher.publish([toOutboxRecord(OrderConfirmed, live)]);
    await plannedShipmentOf(live.data.orderId);

    const lines = await db.query('SELECT order_id FROM lines_to_ship WHERE order_id = $1', [
      replayed.data.orderId,
    ]);
    expect(lines.rowCount).toBe(0);
    expect(await shipmentEvents('logistics.shipment.planned', replayed.data.orderId)).toEqual([]);
  });

  it('leaves a live load alone when the cancellation of its order is a replay', async () => {
    const live = confirmedOrder(350);
    await publisher.publish([toOutboxRecord(OrderConfirmed, live)]);
    const shipmentId = await plannedShipmentOf(live.data.orderId);
    const cancelled = createEnvelope(OrderStatusChanged, {
      source: 'orders',
      subject: live.data.orderId,
      data: {
        orderId: live.data.orderId,
        buyerId: 'pasar-jaya',
        status: 'cancelling',
        reason: 'history',
      },
    });
    await publishReplay(cancelled);
    await expectEventually(async () => expect(await inboxHas(cancelled.id)).toBe(true));

    expect(await shipmentEvents('logistics.shipment.failed', shipmentId)).toEqual([]);
    expect(await shipmentEvents('logistics.order.released', live.data.orderId)).toEqual([]);
    const shipment = (await (
      await fetch(`${logistics.url}/shipments/${shipmentId}`, { headers: operator })
    ).json()) as { status: string; lines: unknown[] };
    expect(shipment.status).toBe('planned');
    expect(shipment.lines).toHaveLength(1);
  });
});

/** A sandbox deployment treats every event as a replay, marked or not (events derived in the sandbox carry no mark). */
describe('logistics in SANDBOX_MODE: unmarked events act on nothing either', () => {
  const kafka = testKafka('logistics-sandbox-test');
  let sandbox: TestService;
  let publisher: EventPublisher;
  let db: Client;

  beforeAll(async () => {
    sandbox = await startTestService('logistics', 'logistics_sandbox', {
      DISPATCH_PLANNING_INTERVAL_MS: '300',
      DISPATCH_HOLD_BELOW_FILL: '0',
      SANDBOX_MODE: 'true',
    });
    publisher = new EventPublisher(kafka, new TopicNamer(sandbox.topicPrefix));
    db = new Client({ connectionString: sandbox.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await publisher?.disconnect();
    await sandbox?.stop();
  });

  it('records an unmarked confirmed order as consumed, with no line to ship', async () => {
    const confirmed = orderConfirmedFixture(
      { order: 0xb001, request: 0xb002, allocation: 0xb003 },
      400,
    );
    const { orderId } = confirmed.data;
    await publisher.publish([toOutboxRecord(OrderConfirmed, confirmed)]);
    await expectEventually(async () =>
      expect(
        (await db.query('SELECT 1 FROM inbox WHERE event_id = $1', [confirmed.id])).rowCount,
      ).toBe(1),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a few planning rounds
    const lines = await db.query('SELECT 1 FROM lines_to_ship WHERE order_id = $1', [orderId]);
    expect(lines.rowCount).toBe(0);
    expect((await db.query('SELECT 1 FROM shipments')).rowCount).toBe(0);
  });
});
