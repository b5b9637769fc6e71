import { TopicNamer } from '@simpul/messaging';
import {
  authHeader,
  expectEventually,
  readTopic,
  startTestService,
  testKafka,
} from '@simpul/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The reference receiver a BUMD developer copies (tools/bumd-receiver), receiving the scenario.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createReceiver } from '../../../tools/bumd-receiver/receiver.mjs';
// The suite drives the scenario code `npm start` runs; tools/start is an app, not an aliased library.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { formatSummary, runScenario } from '../../../tools/start/src/scenario/run-scenario';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { ScenarioSummary } from '../../../tools/start/src/scenario/scenario-types';

const DAYS = 4;
const SEED = 20_250_814;
const operator = authHeader('btc-operator');

const get = async <T>(url: string): Promise<T> => {
  const response = await fetch(url, { headers: operator });
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
};

type Urls = Record<'catalog' | 'orders' | 'logistics' | 'pricing', string>;

/** The four services as processes on one broker (one topic prefix), each on its own database. */
async function startSystem(
  label: string,
): Promise<{ url: Urls; topicPrefix: string; stop: () => Promise<void> }> {
  const catalog = await startTestService('catalog', `${label}_catalog`, {
    OFFER_EXPIRY_SWEEP_MS: '1000',
  });
  const prefix = { KAFKA_TOPIC_PREFIX: catalog.topicPrefix };
  const others = await Promise.allSettled([
    startTestService('orders', `${label}_orders`, {
      ...prefix,
      MATCHING_CLOCK_TICK_MS: '1000',
      // The BUMD's receiver below listens on loopback, over plain http.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_REQUIRE_HTTPS: 'false',
      WEBHOOK_POLL_MS: '100',
    }),
    startTestService('logistics', `${label}_logistics`, {
      ...prefix,
      // As `npm start` runs it: a planning round every 2 s.
      DISPATCH_PLANNING_INTERVAL_MS: '2000',
      DISPATCH_HOLD_BELOW_FILL: '0',
      DELAY_CHECK_INTERVAL_MS: '500',
    }),
    startTestService('pricing', `${label}_pricing`, { ...prefix, CEILING_CHECK_MS: '1000' }),
  ]);
  const started = others.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const stop = () => Promise.all([catalog, ...started].map((s) => s.stop())).then(() => undefined);
  const failed = others.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const [orders, logistics, pricing] = started;
  return {
    url: {
      catalog: catalog.url,
      orders: orders.url,
      logistics: logistics.url,
      pricing: pricing.url,
    },
    topicPrefix: catalog.topicPrefix,
    stop,
  };
}

const scenarioOn = (url: Urls) =>
  runScenario(
    { urls: url, token: (role, tenant) => authHeader(role, tenant).authorization.slice(7) },
    { days: DAYS, seed: SEED, rate: 1, stallMs: 3_000 },
  );

/** What the seed decides: the trade (prices, offers, requests, matching), not truck timing. */
const fingerprint = (summary: ScenarioSummary) => ({
  offers: summary.offers,
  requests: summary.requests,
  orders: summary.orders,
  cancellations: summary.cancellations,
  rejectedLines: summary.rejectedLines,
  commodities: summary.commodities.map(({ commodityCode, offeredKg, requestedKg, matchedKg }) => ({
    commodityCode,
    offeredKg,
    requestedKg,
    matchedKg,
  })),
  tiersSeen: summary.priceSpike.tiersSeen,
  alertsByRule: summary.alertsByRule,
});

/** The simulated Blitar → Jakarta programme, driven through the four services. */
describe('the Blitar → Jakarta scenario over the four services', () => {
  let system: Awaited<ReturnType<typeof startSystem>> | undefined;
  let url: Urls;
  let summary: ScenarioSummary;
  // Pasar Jaya's system: the reference receiver, subscribed to all its events before the run.
  const received: { id: string; type: string; subject: string; tenantId?: string }[] = [];
  let receiver: Server | undefined;

  beforeAll(async () => {
    system = await startSystem('scn');
    url = system.url;
    const secret = 'whsec_e2e_scenario_0123456789abcdef0123';
    receiver = createServer(
      createReceiver({
        secret,
        onEvent: (event: { id: string; type: string; subject: string; tenantId?: string }) => {
          received.push(event);
        },
      }),
    );
    await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    const subscribed = await fetch(`${url.orders}/webhooks/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader('bumd', 'pasar-jaya') },
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/simpul`, eventTypes: ['*'], secret }),
    });
    if (subscribed.status !== 201) throw new Error(`subscription: ${await subscribed.text()}`);
    summary = await scenarioOn(url);
    process.stdout.write(`${formatSummary(summary)}\n`);
  }, 240_000);

  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    await system?.stop();
  });

  it('adds up: every check of the summary holds', () => {
    expect(summary.checks.filter((c) => !c.ok)).toEqual([]);
    expect(summary.checks.length).toBeGreaterThanOrEqual(14);
  });

  it('traded every day: offers, requests, orders, loads delivered and closed', () => {
    expect(summary.days).toBe(DAYS);
    expect(summary.offers).toBeGreaterThan(DAYS * 10);
    expect(summary.requests).toBeGreaterThan(DAYS * 5);
    expect(summary.orders).toBeGreaterThan(DAYS * 4);
    expect(summary.fillRate).toBeGreaterThan(0.5);
    expect(summary.fillRate).toBeLessThanOrEqual(1);
    expect(summary.shipments.delivered).toBeGreaterThan(DAYS);
    expect(summary.shipments.delivered).toBe(summary.shipments.planned);
    expect(summary.shipments.delayed).toBeGreaterThanOrEqual(1);
    expect(summary.closedOrders).toBeGreaterThan(DAYS * 3);
    expect(summary.cancellations).toBe(1);
    expect(summary.rejectedLines).toBe(1);
    const egg = summary.commodities.find((c) => c.commodityCode === 'EGG');
    expect(egg?.matchedKg).toBeGreaterThan(0);
    expect(egg?.priceCvPercent).not.toBeNull();
  });

  it('followed one offer through allocation, order, shipment, delivery and closing', async () => {
    const chain = summary.chain;
    if (!chain) throw new Error('the summary traced no offer through a closed order');
    const offer = await get<{ quantity: { amount: number }; remaining: { amount: number } }>(
      `${url.catalog}/offers/${chain.offerId}`,
    );
    expect(offer.remaining.amount).toBeLessThan(offer.quantity.amount);
    const allocations = await get<{ allocationId: string; deliveredAt: string | null }[]>(
      `${url.catalog}/offers/${chain.offerId}/allocations`,
    );
    expect(allocations.find((a) => a.allocationId === chain.allocationId)?.deliveredAt).toEqual(
      expect.any(String),
    );
    const order = await get<{
      status: string;
      requestId: string;
      shipmentId: string;
      lines: { allocationId: string }[];
    }>(`${url.orders}/orders/${chain.orderId}`);
    // The order names its latest truck; its lines may have travelled on more than one.
    expect(order).toMatchObject({ status: 'closed', shipmentId: expect.any(String) });
    expect(order.lines.map((l) => l.allocationId)).toContain(chain.allocationId);
    const request = await get<{ orderIds: string[] }>(
      `${url.orders}/purchase-requests/${order.requestId}`,
    );
    expect(request.orderIds).toContain(chain.orderId);
    const shipment = await get<{
      status: string;
      lines: { allocationId: string; orderId: string }[];
    }>(`${url.logistics}/shipments/${chain.shipmentId}`);
    expect(shipment.status).toBe('delivered');
    expect(shipment.lines).toContainEqual(
      expect.objectContaining({ allocationId: chain.allocationId, orderId: chain.orderId }),
    );
  });

  it('escalated a chili price-rise alert, capped the price, and left the over-ceiling offer unmatched', async () => {
    const spike = summary.priceSpike;
    const tiers = [...new Set(spike.tiersSeen.filter((t) => t !== null))];
    expect(tiers.length).toBeGreaterThanOrEqual(2);
    expect(tiers.some((t) => t === 'siaga' || t === 'kritis')).toBe(true);
    const alerts = await get<{ rule: string; tier: string; level: string; region: string }[]>(
      `${url.pricing}/alerts?commodity=CHILI_RED_CURLY&rule=PRICE_RISE`,
    );
    expect(alerts).toContainEqual(
      expect.objectContaining({
        level: 'consumer',
        region: 'jakarta',
        tier: expect.stringMatching(/siaga|kritis/),
      }),
    );
    const ceilings = await get<
      { commodityCode: string; overrideIdr: number; publishedIdr: number }[]
    >(`${url.pricing}/ceilings`);
    expect(ceilings).toContainEqual(
      expect.objectContaining({
        commodityCode: 'CHILI_RED_CURLY',
        overrideIdr: 32_000,
        publishedIdr: 32_000,
      }),
    );
    const offerId = spike.overCeilingOfferId as string;
    const offer = await get<{
      unitPriceIdr: number;
      quantity: { amount: number };
      remaining: { amount: number };
    }>(`${url.catalog}/offers/${offerId}`);
    expect(offer.unitPriceIdr).toBeGreaterThan(32_000);
    expect(offer.remaining.amount).toBe(offer.quantity.amount);
    expect(await get<unknown[]>(`${url.catalog}/offers/${offerId}/allocations`)).toEqual([]);
    expect(spike.blockedRequestReasons.join(' ')).toMatch(/PRICE_ABOVE_CEILING.*ceiling 32,000/);
  });

  it("delivered to Pasar Jaya's webhook receiver exactly its own events, in order per key", async () => {
    const kafka = testKafka('scenario-bumd-check');
    const namer = new TopicNamer(system?.topicPrefix);
    const own = async () => {
      const messages = [];
      for (const topic of ['orders.orders.v1', 'logistics.shipments.v1']) {
        for (const m of await readTopic(kafka, namer.physical(topic))) {
          messages.push({ ...m, key: `${topic}/${m.key}` });
        }
      }
      return messages
        .map((m) => ({ key: m.key, ...(JSON.parse(m.value ?? '{}') as (typeof received)[number]) }))
        .filter((e) => e.tenantId === 'pasar-jaya');
    };
    const expected = await expectEventually(
      async () => {
        const events = await own();
        expect(new Set(received.map((e) => e.id))).toEqual(new Set(events.map((e) => e.id)));
        return events;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(expected.length).toBeGreaterThan(DAYS * 5);
    expect(received.length).toBe(expected.length); // the receiver took each event once
    expect(received.every((e) => e.tenantId === 'pasar-jaya')).toBe(true);
    expect(new Set(received.map((e) => e.type))).toEqual(new Set(expected.map((e) => e.type)));
    // Per topic and key (order, request, shipment), in the order of the topic.
    const keyOf = new Map(expected.map((e) => [e.id, `${e.key}`]));
    const byKey = (events: { id: string }[]) => {
      const groups = new Map<string, string[]>();
      for (const e of events) {
        const key = keyOf.get(e.id) ?? '';
        groups.set(key, [...(groups.get(key) ?? []), e.id]);
      }
      return groups;
    };
    expect(byKey(received)).toEqual(byKey(expected));
  });

  it('gives the same trade for the same seed on a fresh system', async () => {
    const second = await startSystem('scn2');
    try {
      expect(fingerprint(await scenarioOn(second.url))).toEqual(fingerprint(summary));
    } finally {
      await second.stop();
    }
  }, 180_000);
});
