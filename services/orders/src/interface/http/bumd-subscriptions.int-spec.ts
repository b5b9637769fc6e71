import { createEnvelope, OrderStatusChanged, type OrderStatus } from '@simpul/contracts';
import { envelopeHeaders, EventPublisher, HEADER, TopicNamer } from '@simpul/messaging';
import { toOutboxRecord } from '@simpul/persistence';
import {
  allocatePort,
  authHeader,
  expectEventually,
  readTopic,
  startTestService,
  testKafka,
  type TestService,
} from '@simpul/testing';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

const json = { 'content-type': 'application/json' };
const pasarJaya = authHeader('bumd', 'pasar-jaya');
const foodStation = authHeader('bumd', 'food-station');
const operator = authHeader('btc-operator');
const STATUSES: OrderStatus[] = ['confirmed', 'in_fulfilment', 'delivered', 'closed'];

interface Received {
  at: number;
  eventId: string;
  attempt: number;
  replay: boolean;
  signatureOk: boolean;
  signatureHeader: string;
  raw: string;
  idempotencyKey: string;
  envelope: { id: string; tenantId?: string; data: { orderId: string; status: string } };
}

/** A real HTTP receiver on loopback that checks signatures on its own (node:crypto). */
class Receiver {
  readonly received: Received[] = [];
  private server?: Server;
  status = 200;

  constructor(
    readonly port: number,
    private readonly secret: string,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}/simpul`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = String(request.headers['simpul-signature'] ?? '');
        const t = /(?:^|,)t=(\d+)/.exec(header)?.[1] ?? '';
        const expected = createHmac('sha256', this.secret).update(`${t}.${raw}`).digest();
        const signatureOk = [...header.matchAll(/v1=([0-9a-f]{64})/g)].some((m) =>
          timingSafeEqual(Buffer.from(m[1], 'hex'), expected),
        );
        this.received.push({
          at: Date.now(),
          eventId: String(request.headers['simpul-event-id']),
          attempt: Number(request.headers['simpul-delivery-attempt']),
          replay: request.headers['simpul-replay'] === 'true',
          signatureOk,
          signatureHeader: header,
          raw,
          idempotencyKey: String(request.headers['idempotency-key']),
          envelope: JSON.parse(raw) as Received['envelope'],
        });
        response.writeHead(this.status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }

  uniqueIds(): string[] {
    return [...new Set(this.received.map((r) => r.eventId))];
  }
}

describe('BUMD subscriptions: webhooks, server-sent events and per-BUMD topics', () => {
  const kafka = testKafka('bumd-subscriptions-test');
  let orders: TestService;
  let publisher: EventPublisher;
  const receivers: Receiver[] = [];
  const secret = 'whsec_test_0123456789abcdef0123456789abcdef';

  beforeAll(async () => {
    orders = await startTestService('orders', 'bumd_subscriptions', {
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_REQUIRE_HTTPS: 'false',
      WEBHOOK_RETRY_BASE_MS: '300',
      WEBHOOK_RETRY_MAX_DELAY_MS: '5000',
      WEBHOOK_RETRY_PERIOD_MS: '9000',
      WEBHOOK_POLL_MS: '50',
      SSE_POLL_MS: '100',
      SSE_HEARTBEAT_MS: '400',
    });
    publisher = new EventPublisher(kafka, new TopicNamer(orders.topicPrefix));
  });

  afterAll(async () => {
    if (process.env['DEBUG_OUTPUT']) process.stdout.write(orders.process.output());
    for (const receiver of receivers) await receiver.stop();
    await publisher?.disconnect();
    await orders?.stop();
  });

  function receiver(): Receiver {
    const created = new Receiver(allocatePort(), secret);
    receivers.push(created);
    return created;
  }

  async function subscribe(
    who: Record<string, string>,
    url: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const response = await fetch(`${orders.url}/webhooks/subscriptions`, {
      method: 'POST',
      headers: { ...json, ...who },
      body: JSON.stringify({ url, eventTypes: ['*'], secret, ...extra }),
    });
    const body = (await response.json()) as { id: string; secret: string };
    expect(response.status).toBe(201);
    expect(body.secret).toBe(secret);
    return body.id;
  }

  /** Status events of one order, as the orders service publishes them. */
  function orderEvents(buyerId: string, statuses = STATUSES) {
    const orderId = uuidv7();
    return statuses.map((status) =>
      createEnvelope(OrderStatusChanged, {
        source: 'orders',
        subject: orderId,
        tenantId: buyerId,
        data: { orderId, buyerId, status },
      }),
    );
  }

  async function publish(events: ReturnType<typeof orderEvents>, replay = false) {
    if (!replay) {
      await publisher.publish(events.map((e) => toOutboxRecord(OrderStatusChanged, e)));
      return;
    }
    await publisher.sendRaw([
      {
        topic: new TopicNamer(orders.topicPrefix).physical('orders.orders.v1'),
        messages: events.map((e) => ({
          key: e.data.orderId,
          value: JSON.stringify(e),
          headers: { ...envelopeHeaders(e.id, e.type, e.version), [HEADER.replay]: 'true' },
        })),
      },
    ]);
  }

  /** Interleaves the events of several orders, keeping each order's own order. */
  function interleave<T>(lists: T[][]): T[] {
    const out: T[] = [];
    for (let i = 0; lists.some((l) => i < l.length); i++) {
      for (const list of lists) if (i < list.length) out.push(list[i]);
    }
    return out;
  }

  it('delivers every event of its own orders, in order per order, after the receiver was down, and nothing of another BUMD', async () => {
    const pasar = receiver();
    const food = receiver();
    await food.start();
    const pasarSubscription = await subscribe(pasarJaya, pasar.url);
    await subscribe(foodStation, food.url);

    const pasarOrders = [
      orderEvents('pasar-jaya'),
      orderEvents('pasar-jaya'),
      orderEvents('pasar-jaya'),
    ];
    const foodOrders = [orderEvents('food-station'), orderEvents('food-station')];
    await publish(interleave([...pasarOrders, ...foodOrders]));

    // The receiver is down: attempts fail and are logged with the reason.
    await expectEventually(async () => {
      const log = (await (
        await fetch(`${orders.url}/webhooks/subscriptions/${pasarSubscription}/deliveries`, {
          headers: pasarJaya,
        })
      ).json()) as { state: string; attempts: number; lastError: string | null }[];
      expect(log.length).toBe(12);
      expect(log.some((d) => d.attempts >= 2 && /ECONNREFUSED/.test(d.lastError ?? ''))).toBe(true);
    });
    expect(pasar.received).toHaveLength(0);

    await pasar.start();
    const expectedIds = pasarOrders.flat().map((e) => e.id);
    await expectEventually(() => expect(pasar.uniqueIds().sort()).toEqual([...expectedIds].sort()));

    for (const delivery of pasar.received) {
      expect(delivery.signatureOk).toBe(true);
      expect(delivery.idempotencyKey).toBe(delivery.eventId);
      expect(delivery.envelope.id).toBe(delivery.eventId);
      expect(delivery.envelope.tenantId).toBe('pasar-jaya');
    }
    expect(pasar.received.length).toBe(expectedIds.length); // no event twice
    for (const events of pasarOrders) {
      const orderId = events[0].data.orderId;
      const seen = pasar.received
        .filter((r) => r.envelope.data.orderId === orderId)
        .map((r) => r.envelope.data.status);
      expect(seen).toEqual(STATUSES);
    }
    // The first attempts went to a closed port: later attempts say so in their number.
    expect(Math.max(...pasar.received.map((r) => r.attempt))).toBeGreaterThan(1);

    const foodIds = foodOrders.flat().map((e) => e.id);
    await expectEventually(() => expect(food.uniqueIds().sort()).toEqual([...foodIds].sort()));
    expect(food.received.every((r) => r.envelope.tenantId === 'food-station')).toBe(true);
    expect(pasar.received.some((r) => foodIds.includes(r.eventId))).toBe(false);

    const log = (await (
      await fetch(
        `${orders.url}/webhooks/subscriptions/${pasarSubscription}/deliveries?limit=500`,
        {
          headers: operator,
        },
      )
    ).json()) as { id: string; state: string }[];
    expect(log.every((d) => d.state === 'delivered')).toBe(true);
    const detail = (await (
      await fetch(`${orders.url}/webhooks/deliveries/${log[log.length - 1].id}`, {
        headers: pasarJaya,
      })
    ).json()) as { history: { statusCode: number | null; error: string | null }[] };
    expect(detail.history[detail.history.length - 1].statusCode).toBe(200);
    expect(detail.history.slice(0, -1).every((a) => a.statusCode === null && a.error)).toBe(true);

    // Redelivery on request sends the same event again, under the same id.
    const before = pasar.received.length;
    const again = await fetch(`${orders.url}/webhooks/deliveries/${log[0].id}/redeliver`, {
      method: 'POST',
      headers: pasarJaya,
    });
    expect(again.status).toBe(202);
    await expectEventually(() => expect(pasar.received.length).toBe(before + 1));
    expect(pasar.received[before].eventId).toBe(
      (
        (await (
          await fetch(`${orders.url}/webhooks/deliveries/${log[0].id}`, { headers: pasarJaya })
        ).json()) as { eventId: string }
      ).eventId,
    );
  });

  it('retries a receiver answering 500 with growing gaps, then pauses the subscription and tells the BUMD', async () => {
    const failing = receiver();
    failing.status = 500;
    await failing.start();
    const id = await subscribe(pasarJaya, failing.url, {
      eventTypes: ['orders.order.status-changed'],
    });
    const [event] = orderEvents('pasar-jaya', ['confirmed']);
    await publish([event]);

    await expectEventually(() => expect(failing.received.length).toBeGreaterThanOrEqual(5), {
      timeoutMs: 20_000,
    });
    const attempts = failing.received.slice(0, 5);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(attempts.map((a) => a.eventId))).toEqual(new Set([event.id]));
    const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i].at);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1] * 0.8);
    expect(gaps[3]).toBeGreaterThan(2 * gaps[0]);

    // The retry period (9 s here) runs out: the subscription is paused and the BUMD told in its feed.
    const paused = await expectEventually(
      async () => {
        const view = (await (
          await fetch(`${orders.url}/webhooks/subscriptions/${id}`, { headers: pasarJaya })
        ).json()) as { status: string; pausedReason: string; failed: number };
        expect(view.status).toBe('paused');
        return view;
      },
      { timeoutMs: 30_000 },
    );
    expect(paused.pausedReason).toMatch(/answered 500/);
    expect(paused.failed).toBe(1);
    await expectEventually(async () => {
      const page = (await (
        await fetch(`${orders.url}/events?types=orders.subscription.paused`, { headers: pasarJaya })
      ).json()) as { events: { event: { data: { subscriptionId: string } } }[] };
      expect(page.events.map((e) => e.event.data.subscriptionId)).toContain(id);
    });

    // Fixed and resumed: the delivery that had run out of retries goes out.
    failing.status = 204;
    const count = failing.received.length;
    const resumed = await fetch(`${orders.url}/webhooks/subscriptions/${id}/resume`, {
      method: 'POST',
      headers: pasarJaya,
    });
    expect(resumed.status).toBe(200);
    await expectEventually(() => expect(failing.received.length).toBe(count + 1));
    await expectEventually(async () => {
      const view = (await (
        await fetch(`${orders.url}/webhooks/subscriptions/${id}`, { headers: pasarJaya })
      ).json()) as { status: string; delivered: number; failed: number };
      expect(view).toMatchObject({ status: 'active', delivered: 1, failed: 0 });
    });
  }, 60_000);

  /** Reads an SSE stream until `until` says stop, then disconnects. */
  async function readStream(
    who: Record<string, string>,
    lastEventId: string | undefined,
    until: (events: { id: string; type: string; data: string }[], comments: string[]) => boolean,
    query = '',
  ) {
    const controller = new AbortController();
    const response = await fetch(`${orders.url}/events/stream${query}`, {
      headers: { ...who, ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}) },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events: { id: string; type: string; data: string }[] = [];
    const comments: string[] = [];
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const deadline = Date.now() + 30_000;
    try {
      while (!until(events, comments)) {
        if (Date.now() > deadline) throw new Error(`stream: only ${events.length} events`);
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => !line.startsWith(':') && line.includes(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
          );
          comments.push(...block.split('\n').filter((line) => line.startsWith(':')));
          if (fields.id) events.push({ id: fields.id, type: fields.event, data: fields.data });
        }
      }
    } finally {
      controller.abort();
    }
    return { events, comments };
  }

  it('streams server-sent events that resume with Last-Event-ID, missing nothing and repeating nothing', async () => {
    const start = (await (
      await fetch(`${orders.url}/events?after=0&limit=1000`, { headers: pasarJaya })
    ).json()) as { lastSeq: number };
    const first = [orderEvents('pasar-jaya'), orderEvents('pasar-jaya')].flat();
    const second = [orderEvents('pasar-jaya'), orderEvents('pasar-jaya')].flat();
    const others = orderEvents('food-station');

    const reading = readStream(
      pasarJaya,
      String(start.lastSeq),
      (events, comments) =>
        events.length >= first.length && comments.some((c) => c.startsWith(': heartbeat')),
    );
    await publish([...first, ...others]);
    const part1 = await reading;
    // Disconnected; more events happen meanwhile.
    await publish(second);
    const resumeAfter = part1.events[part1.events.length - 1].id;
    const part2 = await readStream(
      pasarJaya,
      resumeAfter,
      (events) => events.length >= second.length,
    );

    const ids = [...part1.events, ...part2.events].map(
      (e) => (JSON.parse(e.data) as { id: string }).id,
    );
    const expected = [...first, ...second].map((e) => e.id);
    expect(ids.filter((id) => expected.includes(id))).toEqual(ids); // nothing of another BUMD
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    expect([...ids].sort()).toEqual([...expected].sort()); // nothing missed
    const numbers = [...part1.events, ...part2.events].map((e) => Number(e.id));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(part1.events.every((e) => e.type === 'orders.order.status-changed')).toBe(true);

    // food-station's stream from the start holds only its own events.
    const food = await readStream(foodStation, '0', (_events, comments) =>
      comments.some((c) => c.startsWith(': heartbeat')),
    );
    expect(food.events.length).toBeGreaterThan(0);
    expect(
      food.events.every(
        (e) => (JSON.parse(e.data) as { tenantId: string }).tenantId === 'food-station',
      ),
    ).toBe(true);
  });

  it('keeps BUMDs apart on every path', async () => {
    const [theirs] = (await (
      await fetch(`${orders.url}/webhooks/subscriptions`, { headers: pasarJaya })
    ).json()) as { id: string; buyerId: string }[];
    expect(theirs.buyerId).toBe('pasar-jaya');
    const mine = (await (
      await fetch(`${orders.url}/webhooks/subscriptions`, { headers: foodStation })
    ).json()) as { buyerId: string }[];
    expect(mine.every((s) => s.buyerId === 'food-station')).toBe(true);

    const forbidden = [
      fetch(`${orders.url}/webhooks/subscriptions/${theirs.id}`, { headers: foodStation }),
      fetch(`${orders.url}/webhooks/subscriptions/${theirs.id}/deliveries`, {
        headers: foodStation,
      }),
      fetch(`${orders.url}/webhooks/subscriptions/${theirs.id}/pause`, {
        method: 'POST',
        headers: foodStation,
      }),
      fetch(`${orders.url}/events?buyerId=pasar-jaya`, { headers: foodStation }),
      fetch(`${orders.url}/events/stream?buyerId=pasar-jaya`, { headers: foodStation }),
      fetch(`${orders.url}/buyers/pasar-jaya/event-topic`, { headers: foodStation }),
      fetch(`${orders.url}/webhooks/subscriptions`, {
        method: 'POST',
        headers: { ...json, ...foodStation },
        body: JSON.stringify({
          url: 'http://127.0.0.1:1/x',
          eventTypes: ['*'],
          buyerId: 'pasar-jaya',
        }),
      }),
    ];
    for (const response of await Promise.all(forbidden)) {
      expect(response.status).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('FORBIDDEN');
    }
    const [delivery] = (await (
      await fetch(`${orders.url}/webhooks/subscriptions/${theirs.id}/deliveries?limit=1`, {
        headers: pasarJaya,
      })
    ).json()) as { id: string }[];
    for (const path of [`deliveries/${delivery.id}`]) {
      const response = await fetch(`${orders.url}/webhooks/${path}`, { headers: foodStation });
      expect(response.status).toBe(403);
    }
    const redeliver = await fetch(`${orders.url}/webhooks/deliveries/${delivery.id}/redeliver`, {
      method: 'POST',
      headers: foodStation,
    });
    expect(redeliver.status).toBe(403);
    // Producers and drivers have no business here at all.
    const producer = await fetch(`${orders.url}/events`, {
      headers: authHeader('producer', 'p-1'),
    });
    expect(producer.status).toBe(403);
  });

  it('signs with both secrets for a day after a rotation, the new one first', async () => {
    const rotating = receiver();
    await rotating.start();
    const id = await subscribe(pasarJaya, rotating.url);
    const next = 'whsec_rotated_abcdefghijklmnopqrstuvwxyz012345';
    const rotated = await fetch(`${orders.url}/webhooks/subscriptions/${id}/rotate-secret`, {
      method: 'POST',
      headers: { ...json, ...pasarJaya },
      body: JSON.stringify({ secret: next }),
    });
    expect(rotated.status).toBe(200);
    const view = (await rotated.json()) as { secret: string; secretRotationEndsAt: string };
    expect(view.secret).toBe(next);
    expect(new Date(view.secretRotationEndsAt).getTime()).toBeGreaterThan(
      Date.now() + 23 * 3600_000,
    );
    const [event] = orderEvents('pasar-jaya', ['confirmed']);
    await publish([event]);
    const [delivery] = await expectEventually(() => {
      const got = rotating.received.filter((r) => r.eventId === event.id);
      expect(got).toHaveLength(1);
      return got;
    });
    expect(delivery.signatureOk).toBe(true); // the receiver still holds the old secret
    const [t, first, second] = delivery.signatureHeader.split(',');
    const mac = (key: string) =>
      createHmac('sha256', key)
        .update(`${t.slice(2)}.${delivery.raw}`)
        .digest('hex');
    expect(first).toBe(`v1=${mac(next)}`);
    expect(second).toBe(`v1=${mac(secret)}`);
  });

  it('answers bad subscriptions with clear 400s', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'not a url', eventTypes: ['*'] }, 'ORDERS_WEBHOOK_URL_INVALID'],
      [{ url: 'ftp://example.com/x', eventTypes: ['*'] }, 'ORDERS_WEBHOOK_URL_INVALID'],
      [{ url: 'https://user:pw@example.com/x', eventTypes: ['*'] }, 'ORDERS_WEBHOOK_URL_INVALID'],
      [
        { url: 'https://example.com/x', eventTypes: ['orders.order.eaten'] },
        'ORDERS_EVENT_TYPE_UNKNOWN',
      ],
      [{ url: 'https://example.com/x', eventTypes: [] }, 'VALIDATION_FAILED'],
      [{ url: 'https://example.com/x', eventTypes: ['*'], secret: 'short' }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const response = await fetch(`${orders.url}/webhooks/subscriptions`, {
        method: 'POST',
        headers: { ...json, ...pasarJaya },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { code: string; message: string };
      expect(answer.code).toBe(code);
      expect(answer.message.length).toBeGreaterThan(10);
    }
    const badResume = await fetch(`${orders.url}/events/stream`, {
      headers: { ...pasarJaya, 'last-event-id': 'yesterday' },
    });
    expect(badResume.status).toBe(400);
    expect(((await badResume.json()) as { code: string }).code).toBe(
      'ORDERS_LAST_EVENT_ID_INVALID',
    );
  });

  it('delivers replayed events only to subscriptions that ask for them, marked as replays', async () => {
    const plain = receiver();
    const curious = receiver();
    await plain.start();
    await curious.start();
    await subscribe(pasarJaya, plain.url);
    await subscribe(pasarJaya, curious.url, { includeReplays: true });
    const replayed = orderEvents('pasar-jaya', ['confirmed']);
    const live = orderEvents('pasar-jaya', ['confirmed']);
    await publish(replayed, true);
    await publish(live);
    await expectEventually(() =>
      expect(curious.uniqueIds().sort()).toEqual([replayed[0].id, live[0].id].sort()),
    );
    await expectEventually(() => expect(plain.uniqueIds()).toEqual([live[0].id]));
    expect(curious.received.find((r) => r.eventId === replayed[0].id)?.replay).toBe(true);
    expect(curious.received.find((r) => r.eventId === live[0].id)?.replay).toBe(false);
    const page = (await (
      await fetch(`${orders.url}/events?after=0&limit=1000`, { headers: pasarJaya })
    ).json()) as { events: { eventId: string }[] };
    expect(page.events.map((e) => e.eventId)).not.toContain(replayed[0].id);
    const withReplays = (await (
      await fetch(`${orders.url}/events?after=0&limit=1000&includeReplays=true`, {
        headers: pasarJaya,
      })
    ).json()) as { events: { eventId: string; replay: boolean }[] };
    expect(withReplays.events.find((e) => e.eventId === replayed[0].id)?.replay).toBe(true);
  });

  it("copies a BUMD's events to its own topic once an operator enables it", async () => {
    const denied = await fetch(`${orders.url}/buyers/pasar-jaya/event-topic`, {
      method: 'PUT',
      headers: { ...json, ...pasarJaya },
      body: JSON.stringify({ enabled: true }),
    });
    expect(denied.status).toBe(403);
    const enabled = await fetch(`${orders.url}/buyers/pasar-jaya/event-topic`, {
      method: 'PUT',
      headers: { ...json, ...operator },
      body: JSON.stringify({ enabled: true }),
    });
    expect(enabled.status).toBe(200);
    const state = (await enabled.json()) as { topic: string; enabled: boolean };
    expect(state).toEqual({
      buyerId: 'pasar-jaya',
      enabled: true,
      topic: `${orders.topicPrefix}orders.bumd-pasar-jaya.v1`,
    });
    const mine = orderEvents('pasar-jaya');
    const replayed = orderEvents('pasar-jaya', ['confirmed']);
    await publish([...interleave([mine, orderEvents('food-station')])]);
    await publish(replayed, true);
    const messages = await expectEventually(async () => {
      const read = await readTopic(kafka, state.topic);
      expect(read.length).toBe(mine.length);
      return read;
    });
    const envelopes = messages.map(
      (m) => JSON.parse(m.value ?? '') as { id: string; tenantId: string },
    );
    expect(envelopes.map((e) => e.id)).toEqual(mine.map((e) => e.id));
    expect(messages.every((m) => m.key === mine[0].data.orderId)).toBe(true);
    expect(messages.map((m) => m.headers['event-id'])).toEqual(mine.map((e) => e.id));
    const foodTopic = (await (
      await fetch(`${orders.url}/buyers/food-station/event-topic`, { headers: foodStation })
    ).json()) as { enabled: boolean };
    expect(foodTopic.enabled).toBe(false);
  });
});
