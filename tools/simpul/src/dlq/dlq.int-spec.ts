import {
  createEnvelope,
  dlqTopicName,
  OfferPublished,
  type OfferPublishedV1,
  TOPICS,
} from '@simpul/contracts';
import {
  createKafka,
  EventConsumer,
  EventPublisher,
  HEADER,
  provisionTopics,
  TopicNamer,
} from '@simpul/messaging';
import { createDataSource, toOutboxRecord } from '@simpul/persistence';
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
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { cliContext } from '../cli-context';
import { UsageError } from '../cli-error';
import { run } from '../main';
import {
  formatDeadLetter,
  listDeadLetters,
  listDlqTopics,
  REDRIVEN_FROM_HEADER,
  showDeadLetter,
} from './dlq';

// `simpul export` writes Parquet through an ES-module-only package that jest's CommonJS runtime
// cannot load on Node 20; nothing here writes Parquet, so the CLI is loaded without it.
jest.mock('hyparquet-writer', () => ({}), { virtual: true });

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const envelopeFor = (data: OfferPublishedV1) =>
  createEnvelope(OfferPublished, { source: 'catalog', subject: data.offerId, data });

/** The CLI in process, as `npx simpul --prefix … <args>` runs it. */
async function simpul(prefix: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await run(['--brokers', testKafkaBrokers(), '--prefix', prefix, ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('simpul dlq: a redriven dead letter is processed once', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let kafka: Kafka;
  let publisher: EventPublisher;
  let consumer: EventConsumer;
  const prefix = uniqueTopicPrefix();
  const namer = new TopicNamer(prefix);
  const topic = TOPICS.catalogOffers.name;
  const dlq = dlqTopicName(topic);
  /** The 'fix': until it flips, applying the poison offer throws. */
  let fixed = false;
  const poison = envelopeFor(offerPublishedFixture(7001, { commodityCode: 'EGG' }));

  beforeAll(async () => {
    database = await createTestDatabase('dlq');
    dataSource = await createDataSource({
      url: database.url,
      applicationName: 'dlq-test',
      runMigrations: true,
    });
    await dataSource.query('CREATE TABLE applied (offer_id uuid PRIMARY KEY, times int NOT NULL)');
    kafka = createKafka({
      brokers: testKafkaBrokers().split(','),
      clientId: 'dlq-test',
      logger: quiet,
    });
    await provisionTopics(kafka, [TOPICS.catalogOffers], { namer, logger: quiet });
    publisher = new EventPublisher(kafka, namer);
    consumer = new EventConsumer(kafka, dataSource, publisher, {
      groupId: `dlq-test-${uniqueId()}`,
      topics: [topic],
      namer,
      logger: quiet,
      retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 50 },
      apply: async (events, manager) => {
        for (const event of events) {
          const data = event.envelope.data as OfferPublishedV1;
          if (event.envelope.id === poison.id && !fixed) {
            throw new Error(`no unit price rule for ${data.commodityCode}\n  (second line)`);
          }
          // Not idempotent on its own: a second application would show as times = 2.
          await manager.query(
            `INSERT INTO applied (offer_id, times) VALUES ($1, 1)
             ON CONFLICT (offer_id) DO UPDATE SET times = applied.times + 1`,
            [data.offerId],
          );
        }
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await publisher?.disconnect();
    await dataSource?.destroy();
    await database?.drop();
  });

  const timesApplied = async (offerId: string): Promise<number | undefined> =>
    (await dataSource.query('SELECT times FROM applied WHERE offer_id = $1', [offerId]))[0]?.times;

  const publish = (...events: ReturnType<typeof envelopeFor>[]) =>
    publisher.publish(events.map((e) => toOutboxRecord(OfferPublished, e)));

  it('lists, shows and redrives a dead letter; redriving it again changes nothing', async () => {
    const good = envelopeFor(offerPublishedFixture(7002, { commodityCode: 'EGG' }));
    await publish(poison, good);
    await expectEventually(async () => expect(await timesApplied(good.data.offerId)).toBe(1));
    await expectEventually(async () =>
      expect(await readTopic(kafka, namer.physical(dlq))).toHaveLength(1),
    );
    const context = cliContext({ brokers: testKafkaBrokers(), prefix });

    // dlq list: every .dlq topic under the prefix with its count.
    expect(await listDlqTopics(context)).toEqual([{ topic: dlq, partitions: 6, messages: 1 }]);
    const listed = await simpul(prefix, ['dlq', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${dlq.replace(/\./g, '\\.')}\\s+6\\s+1`));

    // dlq list <topic>.dlq: the message with its error.
    const [letter] = await listDeadLetters(context, dlq);
    expect(letter).toMatchObject({
      eventType: 'catalog.offer.published',
      eventId: poison.id,
      errorCode: 'HANDLER_FAILED',
      attempts: 2,
      originalTopic: topic,
      key: 'EGG',
    });
    const position = `${letter.partition}:${letter.offset}`;
    const table = await simpul(prefix, ['dlq', 'list', dlq]);
    expect(table.stdout).toContain(position);
    expect(table.stdout).toContain('no unit price rule for EGG');
    expect(table.stdout).not.toContain('second line');

    // dlq show: headers and the value, pretty.
    const shown = formatDeadLetter(dlq, await showDeadLetter(context, dlq, position));
    for (const header of [
      HEADER.dlqError,
      HEADER.dlqErrorCode,
      HEADER.dlqAttempts,
      HEADER.dlqTopic,
      HEADER.dlqPartition,
      HEADER.dlqOffset,
      HEADER.dlqConsumer,
      HEADER.dlqTime,
    ]) {
      expect(shown).toContain(header);
    }
    expect(shown).toContain(`"id": "${poison.id}"`);

    // A position that is not there is a usage error, before anything is sent.
    await expect(showDeadLetter(context, dlq, '0:999999')).rejects.toThrow(UsageError);
    const missing = await simpul(prefix, ['dlq', 'redrive', dlq, '99:0']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/has no partition 99/);
    const unknownTopic = await simpul(prefix, ['dlq', 'list', 'nothing.here.v1.dlq']);
    expect(unknownTopic.code).toBe(2);

    // The fix, then the redrive.
    expect(await timesApplied(poison.data.offerId)).toBeUndefined();
    fixed = true;
    const redriven = await simpul(prefix, ['dlq', 'redrive', dlq, position]);
    expect(redriven.code).toBe(0);
    expect(redriven.stdout).toContain(`sent ${dlq} ${position} → ${topic}`);
    await expectEventually(async () => expect(await timesApplied(poison.data.offerId)).toBe(1));

    const onTopic = (await readTopic(kafka, namer.physical(topic))).filter((m) =>
      m.value?.includes(poison.id),
    );
    expect(onTopic).toHaveLength(2);
    const sentBack = onTopic[1];
    expect(sentBack.headers[REDRIVEN_FROM_HEADER]).toBe(
      `${namer.physical(dlq)}/${letter.partition}/${letter.offset}`,
    );
    expect(sentBack.headers[HEADER.eventId]).toBe(poison.id);
    expect(Object.keys(sentBack.headers).filter((h) => h.startsWith('dlq-'))).toEqual([]);
    expect(sentBack.key).toBe('EGG');
    expect(sentBack.partition).toBe(onTopic[0].partition);

    // Redriven twice: the inbox knows the event id, so the effect stays at one.
    expect((await simpul(prefix, ['dlq', 'redrive', dlq, '--all'])).code).toBe(0);
    const marker = envelopeFor(offerPublishedFixture(7003, { commodityCode: 'EGG' }));
    await publish(marker);
    await expectEventually(async () => expect(await timesApplied(marker.data.offerId)).toBe(1));
    expect(await timesApplied(poison.data.offerId)).toBe(1);
    expect(await readTopic(kafka, namer.physical(dlq))).toHaveLength(1);
  });
});
