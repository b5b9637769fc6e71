import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EventConsumer, EventPublisher, KAFKA, TopicNamer } from '@simpul/messaging';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  BUMD_FEED_TOPICS,
  BumdFeedRecorder,
  belongsInFeed,
} from '../../application/subscriptions/bumd-feed.recorder';

export const BUMD_FEED_GROUP = Symbol('BUMD_FEED_GROUP');
/** SANDBOX_MODE: every event counts as a replay. */
export const BUMD_FEED_REPLAY_ALL = Symbol('BUMD_FEED_REPLAY_ALL');

/**
 * Feeds the BUMD feed from orders.orders.v1 and logistics.shipments.v1 in a consumer group of its
 * own (`<service group>.bumd-feed`), with the same validation, inbox and DLQ as every consumer:
 * webhook fan-out then never delays matching, and each is scaled or paused on its own. (A second
 * `@nestjs/microservices` server would bind every `@EventPattern` handler of the app again, so
 * this consumer is started here rather than through the transport strategy.)
 */
@Injectable()
export class BumdFeedConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('BumdFeed');
  private consumer?: EventConsumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly namer: TopicNamer,
    private readonly recorder: BumdFeedRecorder,
    @Inject(BUMD_FEED_GROUP) private readonly groupId: string,
    @Inject(BUMD_FEED_REPLAY_ALL) private readonly replayAll: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new EventConsumer(this.kafka, this.dataSource, this.publisher, {
      groupId: this.groupId,
      topics: BUMD_FEED_TOPICS,
      namer: this.namer,
      logger: this.logger,
      accepts: belongsInFeed,
      replayAll: this.replayAll,
      apply: (events, manager) => this.recorder.record(events, manager),
    });
    await this.consumer.start();
    this.logger.log(`BUMD feed consuming ${BUMD_FEED_TOPICS.join(', ')} as ${this.groupId}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
  }
}
