import { TOPICS } from '@simpul/contracts';
import { HEADER, provisionTopics, TopicNamer } from '@simpul/messaging';
import { readTopic, testKafka, testKafkaBrokers, uniqueTopicPrefix } from '@simpul/testing';
import { cliContext } from '../cli-context';
import { REPLAY_HEADER, republish } from './republish';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const T0 = Date.parse('2026-11-20T00:00:00Z');
const HOUR = 3_600_000;

describe('simpul republish', () => {
  const kafka = testKafka('republish-test');
  const prefix = uniqueTopicPrefix();
  const namer = new TopicNamer(prefix);
  const topic = TOPICS.ordersOrders.name;
  const context = () => cliContext({ brokers: testKafkaBrokers(), prefix });
  // Idempotent: a send right after the topic is created can fail for one partition, and
  // kafkajs then retries the whole request; without sequence numbers the partitions that had
  // taken it would hold the fixture twice.
  const producer = kafka.producer({ idempotent: true });

  beforeAll(async () => {
    await provisionTopics(kafka, [TOPICS.ordersOrders], { namer, logger: quiet });
    await producer.connect();
    // 30 records an hour apart, keys spread over partitions, timestamps set by the producer.
    await producer.send({
      topic: namer.physical(topic),
      acks: -1,
      messages: Array.from({ length: 30 }, (_, i) => ({
        key: `order-${i % 7}`,
        value: JSON.stringify({ n: i }),
        timestamp: String(T0 + i * HOUR),
        headers: { [HEADER.eventId]: `e-${i}`, [HEADER.eventType]: 'orders.order.confirmed' },
      })),
    });
  });

  afterAll(async () => {
    await producer.disconnect();
  });

  const sandboxTopic = (name: string) => `${prefix}sandbox-${name}.${topic}`;

  it('copies exactly the records of [from, to) into the sandbox topic, marked, in order per key', async () => {
    const summary = await republish(context(), {
      topic,
      fromMs: T0 + 10 * HOUR,
      toMs: T0 + 20 * HOUR,
      sandbox: 'exact',
    });
    expect(summary.copied).toBe(10);
    expect(summary.target).toBe(sandboxTopic('exact'));
    expect(summary.created).toEqual([sandboxTopic('exact'), `${sandboxTopic('exact')}.dlq`]);

    const source = await readTopic(kafka, namer.physical(topic));
    const copies = await readTopic(kafka, sandboxTopic('exact'));
    const numbers = (messages: typeof copies) =>
      messages.map((m) => (JSON.parse(m.value ?? '{}') as { n: number }).n);
    expect(numbers(copies).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10 }, (_, i) => 10 + i),
    );
    for (const copy of copies) {
      const original = source.find((m) => m.value === copy.value);
      expect(original).toBeDefined();
      expect(copy.key).toBe(original?.key);
      expect(copy.partition).toBe(original?.partition);
      expect(copy.headers).toEqual({
        ...original?.headers,
        [HEADER.replay]: 'true',
        [REPLAY_HEADER.of]: `${namer.physical(topic)}/${original?.partition}/${original?.offset}`,
        [REPLAY_HEADER.time]: expect.any(String),
      });
    }
    for (const key of new Set(copies.map((c) => c.key))) {
      const ofKey = numbers(copies.filter((c) => c.key === key));
      expect(ofKey).toEqual([...ofKey].sort((a, b) => a - b));
    }

    // The reader's throwaway group is gone, and nothing was committed anywhere else.
    const admin = kafka.admin();
    await admin.connect();
    const groups = (await admin.listGroups()).groups.filter((g) => g.groupId.startsWith(prefix));
    await admin.disconnect();
    expect(groups).toEqual([]);
  });

  it('paces the copy at --rate, and a second copy into the same sandbox appends', async () => {
    const started = Date.now();
    const summary = await republish(context(), {
      topic,
      fromMs: T0,
      toMs: T0 + 12 * HOUR,
      sandbox: 'paced',
      rate: 20,
    });
    expect(summary.copied).toBe(12);
    // 12 events at 20/s: the last send is due 0.55 s after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);

    const again = await republish(context(), {
      topic,
      fromMs: T0 + 29 * HOUR,
      toMs: T0 + 40 * HOUR,
      sandbox: 'paced',
    });
    expect(again.created).toEqual([]);
    expect(again.copied).toBe(1);
    expect(await readTopic(kafka, sandboxTopic('paced'))).toHaveLength(13);
  });

  it('copies nothing from a range without records', async () => {
    const summary = await republish(context(), {
      topic,
      fromMs: T0 - 48 * HOUR,
      toMs: T0 - 24 * HOUR,
      sandbox: 'empty',
    });
    expect(summary.copied).toBe(0);
  });
});
