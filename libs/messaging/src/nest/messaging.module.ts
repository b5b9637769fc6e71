import { ALL_TOPICS, type TopicDefinition } from '@simpul/contracts';
import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createKafka } from '../kafka/kafka-factory';
import { OutboxRelay } from '../outbox/outbox-relay';
import { EventPublisher } from '../producer/event-publisher';
import { provisionTopics } from '../topics/provision-topics';
import { TopicNamer } from '../topics/topic-namer';
import { KAFKA, MESSAGING_OPTIONS } from './messaging.tokens';

export interface MessagingOptions {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  /** Create missing topics (and DLQs) from the registry at start-up. */
  provisionTopics: boolean;
  topics?: readonly TopicDefinition[];
  /** Run the outbox relay in this process (operators may run it elsewhere, or tests may hold it back). */
  relayEnabled: boolean;
  relayBatchSize?: number;
}

/** How long a shutting-down service keeps publishing its outbox (within the 15 s shutdown budget). */
const OUTBOX_DRAIN_MS = 5_000;

/** Starts topic provisioning and the outbox relay with the app, and drains and stops the relay before the database closes. */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private relay?: OutboxRelay;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly namer: TopicNamer,
    private readonly publisher: EventPublisher,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.provisionTopics) {
      const created = await provisionTopics(this.kafka, this.options.topics ?? ALL_TOPICS, {
        namer: this.namer,
        logger: this.logger,
      });
      if (created.length) this.logger.log(`created topics: ${created.join(', ')}`);
    }
    if (this.options.relayEnabled) {
      this.relay = new OutboxRelay(this.dataSource, this.publisher, {
        logger: this.logger,
        batchSize: this.options.relayBatchSize,
      });
      this.relay.start();
      this.logger.log('outbox relay started');
    }
  }

  /**
   * After every module's destroy hook (consumers and scheduled tasks have stopped writing to the
   * outbox): drain the outbox, then disconnect the producer.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const drained = await this.relay?.stop(OUTBOX_DRAIN_MS);
    if (drained) this.logger.log(`outbox drained at shutdown: ${drained} event(s) published`);
    this.relay = undefined;
    await this.publisher.disconnect();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: TopicNamer, useValue: new TopicNamer(options.topicPrefix) },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka({
              brokers: options.brokers,
              clientId: options.clientId,
              logger: new Logger('kafkajs'),
            }),
        },
        {
          provide: EventPublisher,
          inject: [KAFKA, TopicNamer],
          useFactory: (kafka: Kafka, namer: TopicNamer) => new EventPublisher(kafka, namer),
        },
        MessagingLifecycle,
      ],
      exports: [MESSAGING_OPTIONS, KAFKA, TopicNamer, EventPublisher],
    };
  }
}
