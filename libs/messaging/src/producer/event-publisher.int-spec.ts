import { TOPICS } from '@simpul/contracts';
import { readTopic, testKafka, uniqueTopicPrefix } from '@simpul/testing';
import { provisionTopics } from '../topics/provision-topics';
import { TopicNamer } from '../topics/topic-namer';
import { EventPublisher } from './event-publisher';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('EventPublisher', () => {
  it('sends a batch larger than one broker request in several sends, in order', async () => {
    const kafka = testKafka('publisher-test');
    const namer = new TopicNamer(uniqueTopicPrefix());
    await provisionTopics(kafka, [TOPICS.pricingObservations], {
      namer,
      logger: quiet,
      withDlq: false,
    });
    const publisher = new EventPublisher(kafka, namer);
    // 30 messages of 100 kB on one key: 3 MB, three times the broker's default request limit.
    const events = Array.from({ length: 30 }, (_, i) => ({
      topic: TOPICS.pricingObservations.name,
      key: 'CHILI_RED_CURLY',
      eventId: `0193a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      eventType: 'pricing.market-prices.observed',
      eventVersion: 1,
      value: `${String(i).padStart(4, '0')}${'x'.repeat(100_000)}`,
    }));
    try {
      await publisher.publish(events);
    } finally {
      await publisher.disconnect();
    }

    const read = await readTopic(kafka, namer.physical(TOPICS.pricingObservations.name));
    expect(read.map((m) => m.value?.slice(0, 4))).toEqual(events.map((e) => e.value.slice(0, 4)));
  });
});
