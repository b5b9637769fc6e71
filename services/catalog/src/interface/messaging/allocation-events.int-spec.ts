import {
  AllocationMade,
  AllocationReleased,
  createEnvelope,
  dlqTopicName,
  type EventDefinition,
  type EventEnvelope,
  TOPICS,
} from '@simpul/contracts';
import { EventPublisher, TopicNamer } from '@simpul/messaging';
import { toOutboxRecord } from '@simpul/persistence';
import {
  authHeader,
  expectEventually,
  fixtureUuid,
  readTopic,
  registerActiveProducer,
  startTestService,
  testKafka,
  type TestService,
} from '@simpul/testing';

describe('catalog follows allocations from orders', () => {
  let namer: TopicNamer;
  const kafka = testKafka('allocation-test');
  let publisher: EventPublisher;
  let catalog: TestService;
  let producerId: string;

  beforeAll(async () => {
    catalog = await startTestService('catalog', 'allocations');
    namer = new TopicNamer(catalog.topicPrefix);
    publisher = new EventPublisher(kafka, namer);
    producerId = await registerActiveProducer(catalog.url);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await catalog?.stop();
  });

  const publishOffer = async (amount: number): Promise<string> => {
    const response = await fetch(`${catalog.url}/offers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeader('producer', producerId) },
      body: JSON.stringify({
        producerId,
        commodityCode: 'EGG',
        quantity: { amount, unit: 'kg' },
        unitPriceIdr: 26500,
        grade: 'large',
        availableFrom: '2030-01-01T00:00:00Z',
        availableUntil: '2030-01-10T00:00:00Z',
        originHub: 'BTC-BLITAR',
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const offerState = async (id: string) =>
    (await (
      await fetch(`${catalog.url}/offers/${id}`, { headers: authHeader('analyst') })
    ).json()) as {
      status: string;
      remaining: { amount: number };
    };
  let nextAllocation = 0x5000;
  const allocation = (offerId: string, amount: number) => {
    nextAllocation += 1;
    const data = {
      allocationId: fixtureUuid(nextAllocation),
      offerId,
      requestId: fixtureUuid(0x7777),
      commodityCode: 'EGG',
      quantity: { amount, unit: 'kg' as const },
      unitPriceIdr: 26500,
      allocatedAt: '2030-01-02T00:00:00.000Z',
    };
    return createEnvelope(AllocationMade, { source: 'orders', subject: data.allocationId, data });
  };
  const definitionOf = (type: string) =>
    (type === AllocationMade.type ? AllocationMade : AllocationReleased) as EventDefinition<object>;
  const send = (...events: EventEnvelope<object>[]) =>
    publisher.publish(events.map((e) => toOutboxRecord(definitionOf(e.type), e)));

  it('reduces what remains once per allocation, even when it is delivered twice', async () => {
    const offerId = await publishOffer(100);
    const first = allocation(offerId, 60);
    await send(first, first);
    await expectEventually(async () =>
      expect(await offerState(offerId)).toMatchObject({
        status: 'partially_allocated',
        remaining: { amount: 40 },
      }),
    );
    // A later event on the same key proves the duplicate has been consumed too.
    await send(allocation(offerId, 0.5));
    await expectEventually(async () =>
      expect((await offerState(offerId)).remaining.amount).toBe(39.5),
    );
  });

  it('refuses an over-allocation without touching the offer, then sells out and says so', async () => {
    const offerId = await publishOffer(50);
    const tooMuch = allocation(offerId, 50.001);
    await send(tooMuch, allocation(offerId, 50));
    await expectEventually(async () =>
      expect(await offerState(offerId)).toMatchObject({
        status: 'sold_out',
        remaining: { amount: 0 },
      }),
    );
    // Letters are sent after the chunk's good events are applied: wait for them too.
    const dlqOf = async (eventId: string) =>
      (await readTopic(kafka, namer.physical(dlqTopicName(TOPICS.ordersOrders.name)))).filter(
        (m) => m.headers['event-id'] === eventId,
      );
    await expectEventually(async () =>
      expect((await dlqOf(tooMuch.id)).map((m) => m.headers['dlq-error-code'])).toEqual([
        'HANDLER_FAILED',
      ]),
    );
    const soldOut = await expectEventually(async () => {
      const found = (await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name))).filter(
        (m) => m.headers['event-type'] === 'catalog.offer.sold-out' && m.value?.includes(offerId),
      );
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(soldOut.key).toBe('EGG');
  });

  it('applies a run of allocations over several offers, refusing only the one that does not fit', async () => {
    const [x, y] = [await publishOffer(100), await publishOffer(50)];
    const tooMuch = allocation(y, 45.5);
    // One key, one partition: the five come to catalog together and are applied as one run.
    await send(allocation(x, 10), allocation(y, 5), allocation(x, 20), tooMuch, allocation(y, 5));
    await expectEventually(async () => {
      expect((await offerState(x)).remaining.amount).toBe(70);
      expect((await offerState(y)).remaining.amount).toBe(40);
    });
    const letters = await expectEventually(async () => {
      const found = (
        await readTopic(kafka, namer.physical(dlqTopicName(TOPICS.ordersOrders.name)))
      ).filter((m) => m.headers['event-id'] === tooMuch.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(letters[0].headers['dlq-error']).toContain('cannot allocate 45.5 kg');
  });

  it('puts a released allocation back, once', async () => {
    const offerId = await publishOffer(30);
    const taken = allocation(offerId, 30);
    await send(taken);
    await expectEventually(async () => expect((await offerState(offerId)).status).toBe('sold_out'));
    const released = createEnvelope(AllocationReleased, {
      source: 'orders',
      subject: taken.data.allocationId,
      data: {
        allocationId: taken.data.allocationId,
        offerId,
        commodityCode: 'EGG',
        reason: 'order cancelled by Pasar Jaya',
        releasedAt: '2030-01-03T00:00:00.000Z',
      },
    });
    const releasedAgain = createEnvelope(AllocationReleased, {
      source: 'orders',
      subject: taken.data.allocationId,
      data: released.data,
    });
    await send(released, releasedAgain, allocation(offerId, 1));
    await expectEventually(async () =>
      expect(await offerState(offerId)).toMatchObject({
        status: 'partially_allocated',
        remaining: { amount: 29 },
      }),
    );
    await expectEventually(async () =>
      expect(
        (await readTopic(kafka, namer.physical(dlqTopicName(TOPICS.ordersOrders.name)))).filter(
          (m) => m.headers['event-id'] === releasedAgain.id,
        ),
      ).toHaveLength(1),
    );
  });

  it('lets the producer change an offer but never below what is allocated, and announces the change', async () => {
    const offerId = await publishOffer(100);
    await send(allocation(offerId, 60));
    await expectEventually(async () =>
      expect((await offerState(offerId)).remaining.amount).toBe(40),
    );
    const patch = (headers: Record<string, string>, body: object) =>
      fetch(`${catalog.url}/offers/${offerId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    const below = await patch(authHeader('producer', producerId), { quantityAmount: 59.999 });
    expect(below.status).toBe(409);
    expect(await below.json()).toMatchObject({ code: 'CATALOG_OFFER_BELOW_ALLOCATED' });
    const stranger = await patch(
      authHeader('producer', await registerActiveProducer(catalog.url)),
      { quantityAmount: 80 },
    );
    expect(stranger.status).toBe(403);

    const changed = await patch(authHeader('producer', producerId), {
      quantityAmount: 80,
      unitPriceIdr: 26000,
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      status: 'partially_allocated',
      remaining: { amount: 20 },
      unitPriceIdr: 26000,
    });
    const events = await expectEventually(async () => {
      const found = (await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name))).filter(
        (m) => m.headers['event-type'] === 'catalog.offer.changed' && m.value?.includes(offerId),
      );
      expect(found).toHaveLength(1);
      return found;
    });
    expect(JSON.parse(events[0].value ?? '{}').data).toMatchObject({
      quantity: { amount: 80 },
      remaining: { amount: 20 },
      unitPriceIdr: 26000,
    });
  });
});
