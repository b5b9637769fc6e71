import { EVENT_CATALOG } from '@simpul/contracts';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Kafka } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConsumedEvent } from '../consumer/consumed-event';
import { EventConsumer } from '../consumer/event-consumer';
import type { RetryPolicy } from '../consumer/retry-policy';
import type { LoggerLike } from '../kafka/logger-like';
import type { EventPublisher } from '../producer/event-publisher';
import type { TopicNamer } from '../topics/topic-namer';
import { KafkaEventContext } from './kafka-event.context';

export interface KafkaEventServerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  publisher: EventPublisher;
  namer: TopicNamer;
  groupId: string;
  logger: LoggerLike;
  retry?: RetryPolicy;
  chunkSize?: number;
  partitionsConsumedConcurrently?: number;
  /** Sandbox deployments: every event counts as a replay. */
  replayAll?: boolean;
}

export const KAFKA_EVENT_TRANSPORT = Symbol('simpul-kafka-events');

/**
 * Nest custom transport: `@EventPattern('<event type>')` handlers are fed by our batch consumer
 * (validation, inbox, bounded retries, DLQ) instead of the stock one-message-at-a-time ServerKafka.
 * The topics to subscribe to follow from the handled event types through the contracts catalog.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  override readonly transportId = KAFKA_EVENT_TRANSPORT;
  private consumer?: EventConsumer;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = this.subscribedTopics();
      if (topics.length > 0) {
        this.consumer = new EventConsumer(
          this.options.kafka,
          this.options.dataSource,
          this.options.publisher,
          {
            groupId: this.options.groupId,
            topics,
            namer: this.options.namer,
            logger: this.options.logger,
            retry: this.options.retry,
            chunkSize: this.options.chunkSize,
            partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
            replayAll: this.options.replayAll,
            accepts: (envelope) => this.messageHandlers.has(envelope.type),
            apply: (events, manager) => this.dispatch(events, manager),
          },
        );
        await this.consumer.start();
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  on(): never {
    throw new Error('KafkaEventServer has no event listeners; use the health endpoint');
  }

  unwrap<T>(): T {
    return this.consumer?.raw as T;
  }

  /**
   * Calls handlers in event order. A handler declared `@EventPattern(type, { batch: true })` gets
   * each run of consecutive events of its type as one array (one query for many events); others
   * get one envelope per call. A batch handler of several types that names a `batchGroup` gets
   * consecutive events of any of its types together, in order (a stream applied as one).
   */
  private async dispatch(events: readonly ConsumedEvent[], manager: EntityManager): Promise<void> {
    // A run never mixes replays with live events: `KafkaEventContext.isReplay()` covers a whole call.
    const runKey = (event: ConsumedEvent): string => {
      const group = this.getHandlerByPattern(event.envelope.type)?.extras?.['batchGroup'];
      const key = typeof group === 'string' ? `group:${group}` : event.envelope.type;
      return event.replay ? `${key}|replay` : key;
    };
    for (const run of consecutiveRuns(events, runKey)) {
      const type = run[0].envelope.type;
      const handler = this.getHandlerByPattern(type);
      if (!handler) continue;
      const calls = handler.extras?.['batch'] === true ? [run] : run.map((event) => [event]);
      for (const call of calls) {
        const payload =
          handler.extras?.['batch'] === true ? call.map((e) => e.envelope) : call[0].envelope;
        const result = await handler(payload, new KafkaEventContext([call, manager]));
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      }
    }
  }

  private subscribedTopics(): string[] {
    const topics = new Set<string>();
    for (const pattern of this.messageHandlers.keys()) {
      const definition = EVENT_CATALOG.find((d) => d.type === pattern);
      if (!definition) {
        throw new Error(`@EventPattern('${pattern}') names no event type in @simpul/contracts`);
      }
      topics.add(definition.topic.name);
    }
    return [...topics];
  }
}

function consecutiveRuns(
  events: readonly ConsumedEvent[],
  runKey: (event: ConsumedEvent) => string,
): ConsumedEvent[][] {
  const runs: ConsumedEvent[][] = [];
  let lastKey: string | undefined;
  for (const event of events) {
    const key = runKey(event);
    const last = runs[runs.length - 1];
    if (last && lastKey === key) last.push(event);
    else runs.push([event]);
    lastKey = key;
  }
  return runs;
}
