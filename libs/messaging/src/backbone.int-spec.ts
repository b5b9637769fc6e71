import {
  createEnvelope,
  dlqTopicName,
  OfferPublished,
  type OfferPublishedV1,
  TOPICS,
} from '@simpul/contracts';
import {
  appendToOutbox,
  countUnpublished,
  createDataSource,
  onOutboxCommit,
  toOutboxRecord,
} from '@simpul/persistence';
import {
  createTestDatabase,
  expectEventually,
  offerPublishedFixture,
  readTopic,
  testKafkaBrokers,
  type TestDatabase,
  uniqueId,
  uniqueTopicPrefix,
} from '@simpul/testing';
import { type Kafka, KafkaJSNonRetriableError } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { EventConsumer } from './consumer/event-consumer';
import type { ConsumedEvent, EventApplier } from './consumer/consumed-event';
import { HEADER } from './kafka/headers';
import { createKafka } from './kafka/kafka-factory';
import { OutboxRelay } from './outbox/outbox-relay';
import { EventPublisher } from './producer/event-publisher';
import { provisionTopics } from './topics/provision-topics';
import { TopicNamer } from './topics/topic-namer';

const quiet = {
  log: () => undefined,
  warn: () => undefined,
  error: (m: unknown) => console.error(m),
};

const offer = (commodityCode: string, n: number) => offerPublishedFixture(n, { commodityCode });

const envelopeFor = (data: OfferPublishedV1) =>
  createEnvelope(OfferPublished, { source: 'catalog', subject: data.offerId, data });

/** Counts applications per offer: a non-idempotent effect, so a second application would show. */
async function countingApply(
  events: readonly ConsumedEvent[],
  manager: EntityManager,
  poisonId?: string,
): Promise<void> {
  for (const event of events) {
    const data = event.envelope.data as OfferPublishedV1;
    if (data.offerId === poisonId) throw new Error(`cannot apply offer ${poisonId}`);
    await manager.query(
      `INSERT INTO applied (offer_id, times, seq) VALUES ($1, 1, nextval('applied_seq'))
       ON CONFLICT (offer_id) DO UPDATE SET times = applied.times + 1`,
      [data.offerId],
    );
  }
}

describe('event backbone: outbox → Kafka → inbox', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let kafka: Kafka;
  let namer: TopicNamer;
  let publisher: EventPublisher;
  const running: Array<{ stop(): Promise<unknown> }> = [];

  beforeAll(async () => {
    database = await createTestDatabase('backbone');
    dataSource = await createDataSource({
      url: database.url,
      applicationName: 'backbone-test',
      runMigrations: true,
    });
    await dataSource.query(
      'CREATE TABLE applied (offer_id uuid PRIMARY KEY, times int NOT NULL, seq bigint NOT NULL)',
    );
    await dataSource.query('CREATE SEQUENCE applied_seq');
    kafka = createKafka({
      brokers: testKafkaBrokers().split(','),
      clientId: 'backbone-test',
      logger: quiet,
    });
    namer = new TopicNamer(uniqueTopicPrefix());
    await provisionTopics(kafka, [TOPICS.catalogOffers], { namer, logger: quiet });
    publisher = new EventPublisher(kafka, namer);
    await publisher.connect();
  });

  afterEach(async () => {
    while (running.length) await running.pop()?.stop();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await dataSource.destroy();
    await database.drop();
  });

  const timesApplied = async (offerId: string): Promise<number | undefined> => {
    const rows = await dataSource.query('SELECT times FROM applied WHERE offer_id = $1', [offerId]);
    return rows[0]?.times;
  };

  function startConsumer(
    poisonId?: string,
    options: { namer?: TopicNamer; apply?: EventApplier } = {},
  ): EventConsumer {
    const consumer = new EventConsumer(kafka, dataSource, publisher, {
      groupId: `backbone-${uniqueId()}`,
      topics: [TOPICS.catalogOffers.name],
      namer: options.namer ?? namer,
      logger: quiet,
      retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
      apply: options.apply ?? ((events, manager) => countingApply(events, manager, poisonId)),
    });
    running.push(consumer);
    return consumer;
  }

  it('publishes what was committed with the outbox and applies it once', async () => {
    const events = [offer('EGG', 1), offer('EGG', 2), offer('CHILI_RED_CURLY', 3)].map(envelopeFor);
    await dataSource.transaction((manager) =>
      appendToOutbox(
        manager,
        events.map((e) => toOutboxRecord(OfferPublished, e)),
      ),
    );
    const relay = new OutboxRelay(dataSource, publisher, { idleMs: 20, logger: quiet });
    relay.start();
    running.push(relay);
    await startConsumer().start();

    await expectEventually(async () => {
      for (const event of events) expect(await timesApplied(event.data.offerId)).toBe(1);
    });
    // The relay marks rows after the broker's ack, which may be after the consumer applied them.
    await expectEventually(async () => expect(await countUnpublished(dataSource.manager)).toBe(0));
    const published = await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name));
    const eggs = published
      .filter((m) => m.key === 'EGG')
      .map((m) => JSON.parse(m.value ?? '{}').id);
    expect(eggs).toEqual([events[0].id, events[1].id]);
    expect(published[0].headers[HEADER.eventType]).toBe('catalog.offer.published');
  });

  it('tells the relay of each committed outbox append, and of nothing rolled back', async () => {
    const record = (n: number) => toOutboxRecord(OfferPublished, envelopeFor(offer('EGG', n)));
    let signals = 0;
    const stopListening = onOutboxCommit(dataSource, () => signals++);
    try {
      await dataSource.transaction(async (manager) => {
        await appendToOutbox(manager, [record(10)]);
        // A savepoint released inside the transaction is not yet a commit.
        await manager.transaction((inner) => appendToOutbox(inner, [record(11)]));
        expect(signals).toBe(0);
      });
      expect(signals).toBe(1);
      await expect(
        dataSource.transaction(async (manager) => {
          await appendToOutbox(manager, [record(12)]);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await dataSource.transaction((manager) => manager.query('SELECT 1'));
      expect(signals).toBe(1);
      // Outside a transaction the insert commits on its own.
      await appendToOutbox(dataSource.manager, [record(13)]);
      expect(signals).toBe(2);
    } finally {
      stopListening();
      await dataSource.query('TRUNCATE outbox');
    }
  });

  it('publishes a commit of its own process without waiting for the next poll', async () => {
    // The first round finds nothing and the relay sleeps ten minutes: only the commit can wake it.
    const relay = new OutboxRelay(dataSource, publisher, { idleMs: 600_000, logger: quiet });
    relay.start();
    running.push(relay);
    await expectEventually(async () => {
      const [row] = await dataSource.query(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted",
      );
      expect(row.n).toBe(1);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const event = envelopeFor(offer('EGG', 20));
    await dataSource.transaction((manager) =>
      appendToOutbox(manager, [toOutboxRecord(OfferPublished, event)]),
    );
    await expectEventually(async () => expect(await countUnpublished(dataSource.manager)).toBe(0), {
      timeoutMs: 20_000,
    });
    const published = await readTopic(kafka, namer.physical(TOPICS.catalogOffers.name));
    expect(published.map((m) => JSON.parse(m.value ?? '{}').id)).toContain(event.id);
  });

  it('gives a duplicated delivery one effect', async () => {
    const event = envelopeFor(offer('EGG', 10));
    await publisher.publish([
      toOutboxRecord(OfferPublished, event),
      toOutboxRecord(OfferPublished, event),
    ]);
    const later = envelopeFor(offer('EGG', 11));
    await publisher.publish([toOutboxRecord(OfferPublished, later)]);
    await startConsumer().start();

    await expectEventually(async () => expect(await timesApplied(later.data.offerId)).toBe(1));
    expect(await timesApplied(event.data.offerId)).toBe(1);
    const inbox = await dataSource.query(
      'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1',
      [event.id],
    );
    expect(inbox[0].n).toBe(1);
  });

  it('dead-letters invalid and failing messages and goes on with the next one', async () => {
    const topic = namer.physical(TOPICS.catalogOffers.name);
    const bad = { ...offer('EGG', 20), unitPriceIdr: -5 };
    const poison = envelopeFor(offer('EGG', 21));
    const good = envelopeFor(offer('EGG', 22));
    await publisher.sendRaw([
      {
        topic,
        messages: [
          { key: 'EGG', value: '{not json' },
          {
            key: 'EGG',
            value: JSON.stringify({
              ...envelopeFor(offer('EGG', 23)),
              type: 'catalog.offer.unknown',
            }),
          },
          { key: 'EGG', value: JSON.stringify(envelopeFor(bad)) },
          { key: 'EGG', value: JSON.stringify(poison) },
          { key: 'EGG', value: JSON.stringify(good) },
        ],
      },
    ]);
    await startConsumer(poison.data.offerId).start();

    await expectEventually(async () => expect(await timesApplied(good.data.offerId)).toBe(1));
    const dlq = await expectEventually(async () => {
      const letters = await readTopic(
        kafka,
        namer.physical(dlqTopicName(TOPICS.catalogOffers.name)),
      );
      expect(letters).toHaveLength(4);
      return letters;
    });
    const codes = dlq.map((m) => m.headers[HEADER.dlqErrorCode]);
    expect(codes).toEqual(['MALFORMED_JSON', 'UNKNOWN_EVENT', 'PAYLOAD_INVALID', 'HANDLER_FAILED']);
    const failed = dlq[dlq.length - 1];
    expect(failed.headers[HEADER.dlqAttempts]).toBe('3');
    expect(failed.headers[HEADER.dlqError]).toContain(`cannot apply offer ${poison.data.offerId}`);
    expect(failed.value).toBe(JSON.stringify(poison));
    expect(dlq[dlq.length - 2].headers[HEADER.dlqError]).toContain('data.unitPriceIdr');
    expect(await timesApplied(poison.data.offerId)).toBeUndefined();
  });

  /** A topic of its own, so that a test can count exactly what was published to it. */
  async function freshTopic(): Promise<{ namer: TopicNamer; publisher: EventPublisher }> {
    const own = new TopicNamer(uniqueTopicPrefix());
    await provisionTopics(kafka, [TOPICS.catalogOffers], { namer: own, logger: quiet });
    const ownPublisher = new EventPublisher(kafka, own);
    running.push({ stop: () => ownPublisher.disconnect() });
    return { namer: own, publisher: ownPublisher };
  }

  it('publishes each outbox row once and in order per key with two relays on one database', async () => {
    const topic = await freshTopic();
    const events = Array.from({ length: 300 }, (_, i) =>
      envelopeFor(offer(['EGG', 'SHALLOT', 'CATFISH'][i % 3], 1000 + i)),
    );
    const relays = [1, 2].map(
      () =>
        new OutboxRelay(dataSource, topic.publisher, { idleMs: 5, batchSize: 50, logger: quiet }),
    );
    relays.forEach((relay) => {
      relay.start();
      running.push(relay);
    });
    for (let i = 0; i < events.length; i += 30) {
      const slice = events.slice(i, i + 30).map((e) => toOutboxRecord(OfferPublished, e));
      await dataSource.transaction((manager) => appendToOutbox(manager, slice));
    }

    await expectEventually(async () => expect(await countUnpublished(dataSource.manager)).toBe(0));
    const published = await readTopic(kafka, topic.namer.physical(TOPICS.catalogOffers.name));
    const ids = published.map((m) => JSON.parse(m.value ?? '{}').id);
    expect(ids).toHaveLength(events.length);
    expect(new Set(ids).size).toBe(events.length);
    for (const key of ['EGG', 'SHALLOT', 'CATFISH']) {
      const inKafka = published
        .filter((m) => m.key === key)
        .map((m) => JSON.parse(m.value ?? '{}').id);
      expect(inKafka).toEqual(events.filter((e) => e.data.commodityCode === key).map((e) => e.id));
    }
  });

  it('takes its lock again when the connection holding it is cut, and publishes what follows', async () => {
    const topic = await freshTopic();
    const relay = new OutboxRelay(dataSource, topic.publisher, {
      idleMs: 5,
      errorBackoffMs: 100,
      logger: quiet,
    });
    relay.start();
    running.push(relay);
    const heldHere = `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    let holder = 0;
    await expectEventually(async () => {
      const rows: Array<{ pid: number }> = await dataSource.query(heldHere);
      expect(rows).toHaveLength(1);
      holder = rows[0].pid;
    });
    await dataSource.query('SELECT pg_terminate_backend($1)', [holder]);

    const events = Array.from({ length: 20 }, (_, i) => envelopeFor(offer('EGG', 2000 + i)));
    await dataSource.transaction((manager) =>
      appendToOutbox(
        manager,
        events.map((e) => toOutboxRecord(OfferPublished, e)),
      ),
    );
    await expectEventually(async () => expect(await countUnpublished(dataSource.manager)).toBe(0));
    const published = await readTopic(kafka, topic.namer.physical(TOPICS.catalogOffers.name));
    expect(published.map((m) => JSON.parse(m.value ?? '{}').id)).toEqual(events.map((e) => e.id));
    const [again] = await dataSource.query(heldHere);
    expect(again.pid).not.toBe(holder);
  });

  it('starts its consumer again when the Kafka client stops it for good', async () => {
    const topic = await freshTopic();
    const first = envelopeFor(offer('EGG', 2101));
    const second = envelopeFor(offer('EGG', 2102));
    await topic.publisher.publish([toOutboxRecord(OfferPublished, first)]);
    let thrown = 0;
    const consumer = new EventConsumer(kafka, dataSource, publisher, {
      groupId: `backbone-${uniqueId()}`,
      topics: [TOPICS.catalogOffers.name],
      namer: topic.namer,
      logger: quiet,
      retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
      apply: (events, manager) => countingApply(events, manager),
      // Outside the handler's error handling: kafkajs takes a non-retriable error from its batch
      // callback as fatal, leaves the group and does not restart the consumer itself.
      accepts: () => {
        if (thrown === 0) {
          thrown += 1;
          throw new KafkaJSNonRetriableError('injected: the batch callback failed for good');
        }
        return true;
      },
    });
    running.push(consumer);
    const crashes: boolean[] = [];
    consumer.raw.on(consumer.raw.events.CRASH, (event) => crashes.push(event.payload.restart));
    await consumer.start();

    await expectEventually(async () => expect(await timesApplied(first.data.offerId)).toBe(1), {
      timeoutMs: 60_000,
    });
    // kafkajs gave up on it (no restart of its own), and it consumes again all the same.
    expect(crashes).toEqual([false]);
    await topic.publisher.publish([toOutboxRecord(OfferPublished, second)]);
    await expectEventually(async () => expect(await timesApplied(second.data.offerId)).toBe(1), {
      timeoutMs: 30_000,
    });
  });

  it('waits out a lost database connection instead of dead-lettering', async () => {
    const topic = await freshTopic();
    const events = [offer('EGG', 2001), offer('EGG', 2002), offer('EGG', 2003)].map(envelopeFor);
    await topic.publisher.publish(events.map((e) => toOutboxRecord(OfferPublished, e)));
    let connectionsCut = 0;
    await startConsumer(undefined, {
      namer: topic.namer,
      apply: async (batch, manager) => {
        if (connectionsCut < 2) {
          connectionsCut += 1;
          // What a database restart or a network cut does to the consumer's connection.
          await manager.query('SELECT pg_terminate_backend(pg_backend_pid())');
        }
        await countingApply(batch, manager);
      },
    }).start();

    await expectEventually(async () => {
      for (const event of events) expect(await timesApplied(event.data.offerId)).toBe(1);
    });
    expect(connectionsCut).toBe(2);
    expect(
      await readTopic(kafka, topic.namer.physical(dlqTopicName(TOPICS.catalogOffers.name))),
    ).toEqual([]);
  });
});
