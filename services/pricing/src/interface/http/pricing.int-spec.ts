import { createEnvelope, type EventEnvelope, OfferPublished } from '@simpul/contracts';
import { EventPublisher, TopicNamer } from '@simpul/messaging';
import { toOutboxRecord } from '@simpul/persistence';
import { Client } from 'pg';
import {
  authHeader,
  expectEventually,
  fixtureUuid,
  offerPublishedFixture,
  readTopic,
  startTestService,
  testKafka,
  type TestService,
} from '@simpul/testing';

const DAY = 86_400_000;
const json = { 'content-type': 'application/json' };
const operator = authHeader('btc-operator');
const dayOf = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe('pricing: watching prices and setting the ceilings matching obeys', () => {
  const kafka = testKafka('pricing-test');
  let pricing: TestService;
  let orders: TestService;
  let publisher: EventPublisher;

  beforeAll(async () => {
    pricing = await startTestService('pricing', 'pricing_watch', { CEILING_CHECK_MS: '500' });
    orders = await startTestService('orders', 'pricing_orders', {
      KAFKA_TOPIC_PREFIX: pricing.topicPrefix,
    });
    publisher = new EventPublisher(kafka, new TopicNamer(pricing.topicPrefix));
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await orders?.stop();
    await pricing?.stop();
  });

  const topic = (name: string) => new TopicNamer(pricing.topicPrefix).physical(name);
  const post = (path: string, body: unknown) =>
    fetch(`${pricing.url}${path}`, {
      method: 'POST',
      headers: { ...json, ...operator },
      body: JSON.stringify(body),
    });
  const statusOf = async (commodity: string) =>
    (
      (await (await fetch(`${pricing.url}/prices/status`, { headers: operator })).json()) as {
        commodityCode: string;
        level: string;
        region: string;
        latestIdr: number;
      }[]
    ).find(
      (s) => s.commodityCode === commodity && s.level === 'consumer' && s.region === 'jakarta',
    );

  async function priceOn(offset: number, priceIdr: number) {
    const market = 'Pasar Induk Kramat Jati';
    const body = {
      observations: [
        { market, commodity: 'CHILI_RED_CURLY', price: priceIdr, date: dayOf(offset) },
      ],
    };
    expect((await post('/market-prices', body)).status).toBe(200);
    await expectEventually(
      async () => expect((await statusOf('CHILI_RED_CURLY'))?.latestIdr).toBe(priceIdr),
      {
        timeoutMs: 30_000,
      },
    );
  }

  it('raises one alert for a run of rising chili prices and escalates it through the tiers', async () => {
    const prices = [36_000, 36_000, 36_000, 36_000, 36_000, 36_000, 36_000];
    for (let i = 0; i < prices.length; i++) await priceOn(-20 + i, prices[i]);
    // Each day rises by the given share over the mean of the 7 days before it; then it settles.
    for (const rise of [0.06, 0.1, 0.15, 0.25, 0]) {
      const before = prices.slice(-7).reduce((sum, p) => sum + p, 0) / 7;
      prices.push(Math.round(before * (1 + rise)));
      await priceOn(-20 + prices.length - 1, prices[prices.length - 1]);
    }

    const alerts = await expectEventually(async () => {
      const events = (await readTopic(kafka, topic('pricing.alerts.v1')))
        .map(
          (m) =>
            JSON.parse(m.value as string) as EventEnvelope<{
              rule: string;
              transition: string;
              tier: string;
            }>,
        )
        .filter((e) => e.data.rule === 'PRICE_RISE');
      expect(events.map((e) => e.data.transition)).toContain('resolved');
      return events;
    });
    expect(alerts.map((e) => [e.data.transition, e.data.tier])).toEqual([
      ['raised', 'rising'],
      ['escalated', 'waspada'],
      ['escalated', 'siaga'],
      ['escalated', 'kritis'],
      ['resolved', 'kritis'],
    ]);
    expect(new Set(alerts.map((e) => e.subject)).size).toBe(1);
  });

  it("keeps a day's aggregate equal to its observations when a market corrects a price", async () => {
    const date = dayOf(-40);
    const send = async (market: string, price: number) =>
      expect(
        (
          await post('/market-prices', {
            observations: [{ market, commodity: 'TOMATO', price, date }],
          })
        ).status,
      ).toBe(200);
    const db = new Client({ connectionString: pricing.database.url });
    await db.connect();
    try {
      const aggregate = async () =>
        (
          await db.query(
            `SELECT count::int, sum_idr::int AS sum, min_idr::int AS min, max_idr::int AS max, last_idr::int AS last
             FROM daily_aggregates WHERE commodity_code = 'TOMATO' AND level = 'consumer' AND region = 'jakarta'
             AND day = $1::date`,
            [date],
          )
        ).rows[0];
      await send('Pasar Induk Kramat Jati', 9_000);
      await expectEventually(async () => expect((await aggregate())?.count).toBe(1));
      // The same market and day again: the price is corrected, not counted twice.
      await send('Pasar Induk Kramat Jati', 9_500);
      await expectEventually(async () => expect((await aggregate())?.sum).toBe(9_500));
      await send('Pasar Minggu', 8_800);
      await expectEventually(async () =>
        expect(await aggregate()).toEqual({
          count: 2,
          sum: 18_300,
          min: 8_800,
          max: 9_500,
          last: 9_500,
        }),
      );
      // Added one by one, it is what the stored observations of the day add up to.
      const { rows } = await db.query(
        `SELECT count(*)::int AS count, sum(price_idr)::int AS sum, min(price_idr)::int AS min, max(price_idr)::int AS max,
                (array_agg(price_idr ORDER BY observed_at DESC, price_idr DESC))[1]::int AS last
         FROM observations WHERE commodity_code = 'TOMATO' AND level = 'consumer' AND region = 'jakarta'
         AND observed_at >= $1::date AND observed_at < $1::date + 1`,
        [date],
      );
      expect(rows[0]).toEqual(await aggregate());
    } finally {
      await db.end();
    }
  });

  it('keeps the good rows of a CSV, reports the bad ones by line, and changes nothing on re-import', async () => {
    const csv = [
      'market,commodity,price,date',
      `Pasar Senen,SHALLOT,38500,${dayOf(-2)}`,
      `Pasar Senen,SHALLOT,Rp 39.000,${dayOf(-1)}`,
      `Pasar Minggu,EGG,29500,${dayOf(-1)}`,
      `Pasar Minggu,EGG,29800,31/12/2026`,
    ].join('\n');
    const send = async () =>
      (
        await fetch(`${pricing.url}/market-prices/import`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', ...operator },
          body: csv,
        })
      ).json();

    expect(await send()).toEqual({
      accepted: 2,
      unchanged: 0,
      rejected: [
        { line: 3, reason: 'price must be a whole number of rupiah above 0, got "Rp 39.000"' },
        { line: 5, reason: 'date must be a calendar date YYYY-MM-DD, got "31/12/2026"' },
      ],
    });
    await expectEventually(async () => expect((await statusOf('EGG'))?.latestIdr).toBe(29_500));
    const eventsBefore = (await readTopic(kafka, topic('pricing.observations.v1'))).length;

    expect(await send()).toMatchObject({ accepted: 0, unchanged: 2 });
    expect((await readTopic(kafka, topic('pricing.observations.v1'))).length).toBe(eventsBefore);
  });

  it('sends a changed ceiling to the orders service, which then does not match an offer above it', async () => {
    const ceilingIs = (price: number | null) =>
      expectEventually(
        async () => {
          const events = (await readTopic(kafka, topic('pricing.ceilings.v1')))
            .map(
              (m) =>
                JSON.parse(m.value as string) as EventEnvelope<{
                  commodityCode: string;
                  unitPriceIdr: number | null;
                }>,
            )
            .filter((e) => e.data.commodityCode === 'EGG');
          expect(events.at(-1)?.data.unitPriceIdr).toBe(price);
        },
        { timeoutMs: 30_000 },
      );
    await ceilingIs(30_000); // the consumer HAP of eggs, derived from the reference prices
    const override = await fetch(`${pricing.url}/ceilings/EGG`, {
      method: 'PUT',
      headers: { ...json, ...operator },
      body: JSON.stringify({ unitPriceIdr: 25_000, reason: 'test: egg prices under watch' }),
    });
    expect(override.status).toBe(200);
    await ceilingIs(25_000);

    const now = Date.now();
    const offer = offerPublishedFixture(0x4242, {
      offerId: fixtureUuid(0x4242),
      commodityCode: 'EGG',
      quantity: { amount: 500, unit: 'kg' },
      unitPriceIdr: 26_000,
      grade: 'large',
      availableFrom: new Date(now).toISOString(),
      availableUntil: new Date(now + 5 * DAY).toISOString(),
    });
    await publisher.publish([
      toOutboxRecord(
        OfferPublished,
        createEnvelope(OfferPublished, { source: 'catalog', subject: offer.offerId, data: offer }),
      ),
    ]);
    // The request comes after the offer is in the book, so its reasons are about this offer.
    await expectEventually(async () => {
      const book = (await (
        await fetch(`${orders.url}/offer-book?commodity=EGG`, { headers: operator })
      ).json()) as { offerId: string }[];
      expect(book.map((o) => o.offerId)).toContain(offer.offerId);
    });
    const placed = await fetch(`${orders.url}/purchase-requests`, {
      method: 'POST',
      headers: { ...json, ...authHeader('bumd', 'pasar-jaya') },
      body: JSON.stringify({
        commodityCode: 'EGG',
        quantity: { amount: 100, unit: 'kg' },
        maxUnitPriceIdr: 28_000,
        minGrade: 'medium',
        destinationCode: 'PIKJ',
        deliverBy: new Date(now + 3 * DAY).toISOString(),
        expiresAt: new Date(now + 2 * DAY).toISOString(),
      }),
    });
    const { requestId } = (await placed.json()) as { requestId: string };
    const request = async () =>
      (await (
        await fetch(`${orders.url}/purchase-requests/${requestId}`, { headers: operator })
      ).json()) as {
        status: string;
        unfilledReasons: { code: string; message: string }[];
      };
    await expectEventually(
      async () => {
        expect(await request()).toMatchObject({
          status: 'open',
          unfilledReasons: [
            { code: 'PRICE_ABOVE_CEILING', message: 'no offer within ceiling 25,000', offers: 1 },
          ],
        });
      },
      { timeoutMs: 30_000 },
    );

    const lifted = await fetch(`${pricing.url}/ceilings/EGG`, {
      method: 'PUT',
      headers: { ...json, ...operator },
      body: JSON.stringify({ unitPriceIdr: null, reason: 'watch over' }),
    });
    expect(lifted.status).toBe(200);
    await expectEventually(async () => expect((await request()).status).toBe('matched'), {
      timeoutMs: 30_000,
    });
  });

  it('rebuilds the same statistics and alerts from the event history', async () => {
    // A replica on its own database and consumer group reads every topic from the start; its
    // relay is off, so it publishes nothing.
    const replica = await startTestService('pricing', 'pricing_replay', {
      KAFKA_TOPIC_PREFIX: pricing.topicPrefix,
      KAFKA_GROUP_ID: 'simpul.pricing.replay',
      OUTBOX_RELAY_ENABLED: 'false',
    });
    try {
      const read = async (service: TestService, path: string) =>
        (await fetch(`${service.url}${path}`, { headers: operator })).json();
      const live = (await read(pricing, '/prices/status')) as unknown[];
      expect(live.length).toBeGreaterThan(2);
      // Eggs: 29,500 at Pasar Minggu (CSV) against the 26,000 a Blitar producer asked (offer).
      expect(live).toContainEqual(
        expect.objectContaining({
          commodityCode: 'EGG',
          level: 'consumer',
          region: 'jakarta',
          spreadFromBlitarProducer: { spreadIdr: 3_500, spreadPercent: expect.closeTo(13.46, 2) },
        }),
      );
      await expectEventually(
        async () => expect(await read(replica, '/prices/status')).toEqual(live),
        {
          timeoutMs: 60_000,
        },
      );
      const alerts = (service: TestService) => read(service, '/alerts?rule=PRICE_RISE');
      expect(await alerts(replica)).toEqual(await alerts(pricing));
    } finally {
      await replica.stop();
    }
  });
});
