import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { INestMicroservice } from '@nestjs/common';
import {
  createEnvelope,
  dlqTopicName,
  type EventEnvelope,
  OfferPublished,
  type OfferPublishedV1,
  TOPICS,
} from '@simpul/contracts';
import { createDataSource, toOutboxRecord } from '@simpul/persistence';
import {
  createTestDatabase,
  expectEventually,
  offerPublishedFixture,
  readTopic,
  testKafkaBrokers,
  type TestDatabase,
  uniqueTopicPrefix,
} from '@simpul/testing';
import type { DataSource } from 'typeorm';
import { HEADER } from '../kafka/headers';
import { createKafka } from '../kafka/kafka-factory';
import { EventPublisher } from '../producer/event-publisher';
import { provisionTopics } from '../topics/provision-topics';
import { TopicNamer } from '../topics/topic-namer';
import { KafkaEventContext } from './kafka-event.context';
import { KafkaEventServer } from './kafka-event.server';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const POISON = '0193a000-0000-7000-8000-00000000beef';

@Controller()
class OfferRecorder {
  @EventPattern<string>(OfferPublished.type)
  async record(
    @Payload() event: EventEnvelope<OfferPublishedV1>,
    @Ctx() context: KafkaEventContext,
  ): Promise<void> {
    if (event.data.offerId === POISON) throw new Error('poisoned offer');
    await context
      .getManager()
      .query('INSERT INTO recorded (offer_id, partition) VALUES ($1, $2)', [
        event.data.offerId,
        context.getEvent().partition,
      ]);
  }
}

@Module({ controllers: [OfferRecorder] })
class RecorderModule {}

const offer = (offerId: string) => offerPublishedFixture(0, { offerId, commodityCode: 'EGG' });

describe('KafkaEventServer: @EventPattern handlers fed by the inbox consumer', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let app: INestMicroservice;
  let publisher: EventPublisher;
  const namer = new TopicNamer(uniqueTopicPrefix());
  const kafka = () =>
    createKafka({
      brokers: testKafkaBrokers().split(','),
      clientId: 'nest-transport-test',
      logger: quiet,
    });

  beforeAll(async () => {
    database = await createTestDatabase('transport');
    dataSource = await createDataSource({
      url: database.url,
      applicationName: 'transport-test',
      runMigrations: true,
    });
    await dataSource.query(
      'CREATE TABLE recorded (seq serial PRIMARY KEY, offer_id uuid NOT NULL UNIQUE, partition int NOT NULL)',
    );
    await provisionTopics(kafka(), [TOPICS.catalogOffers], { namer, logger: quiet });
    publisher = new EventPublisher(kafka(), namer);
    app = await NestFactory.createMicroservice(RecorderModule, {
      logger: false,
      strategy: new KafkaEventServer({
        kafka: kafka(),
        dataSource,
        publisher,
        namer,
        groupId: 'transport-test',
        logger: quiet,
      }),
    });
    await app.listen();
  });

  afterAll(async () => {
    await app?.close();
    await publisher?.disconnect();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('subscribes from the handled event type, applies in key order, and dead-letters a handler failure', async () => {
    const ids = [
      '0193a000-0000-7000-8000-00000000a001',
      POISON,
      '0193a000-0000-7000-8000-00000000a002',
      '0193a000-0000-7000-8000-00000000a003',
    ];
    const envelopes = ids.map((id) =>
      createEnvelope(OfferPublished, { source: 'catalog', subject: id, data: offer(id) }),
    );
    await publisher.publish(envelopes.map((e) => toOutboxRecord(OfferPublished, e)));

    const recorded = await expectEventually(async () => {
      const rows: Array<{ offer_id: string }> = await dataSource.query(
        'SELECT offer_id FROM recorded ORDER BY seq',
      );
      expect(rows).toHaveLength(3);
      return rows.map((r) => r.offer_id);
    });
    expect(recorded).toEqual([ids[0], ids[2], ids[3]]);
    const dlq = await expectEventually(async () => {
      const letters = await readTopic(
        kafka(),
        namer.physical(dlqTopicName(TOPICS.catalogOffers.name)),
      );
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(dlq[0].headers[HEADER.dlqErrorCode]).toBe('HANDLER_FAILED');
    expect(dlq[0].headers[HEADER.eventId]).toBe(envelopes[1].id);
  });
});
