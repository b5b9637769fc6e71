import { authHeader, startTestService } from '@simpul/testing';
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
async function startSystem(label: string): Promise<{ url: Urls; stop: () => Promise<void> }> {
  const catalog = await startTestService('catalog', `${label}_catalog`, {
    OFFER_EXPIRY_SWEEP_MS: '1000',
  });
  const prefix = { KAFKA_TOPIC_PREFIX: catalog.topicPrefix };
  const others = await Promise.allSettled([
    startTestService('orders', `${label}_orders`, { ...prefix, MATCHING_CLOCK_TICK_MS: '1000' }),
    startTestService('logistics', `${label}_logistics`, {
      ...prefix,
      DISPATCH_PLANNING_INTERVAL_MS: '500',
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

  beforeAll(async () => {
    system = await startSystem('scn');
    url = system.url;
    summary = await scenarioOn(url);
    process.stdout.write(`${formatSummary(summary)}\n`);
  }, 240_000);

  afterAll(async () => {
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
    expect(order).toMatchObject({ status: 'closed', shipmentId: chain.shipmentId });
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

  it('gives the same trade for the same seed on a fresh system', async () => {
    const second = await startSystem('scn2');
    try {
      expect(fingerprint(await scenarioOn(second.url))).toEqual(fingerprint(summary));
    } finally {
      await second.stop();
    }
  }, 180_000);
});
