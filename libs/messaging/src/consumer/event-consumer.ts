import { decodeEvent, EventValidationError, type EventEnvelope } from '@simpul/contracts';
import type {
  Consumer,
  ConsumerCrashEvent,
  ConsumerRunConfig,
  EachBatchPayload,
  Kafka,
  KafkaMessage,
} from 'kafkajs';
import type { DataSource } from 'typeorm';
import { isReplayed } from '../kafka/headers';
import { messagingMetrics } from '../metrics/messaging-metrics';
import { consoleLogger, type LoggerLike } from '../kafka/logger-like';
import { EventPublisher } from '../producer/event-publisher';
import { TopicNamer } from '../topics/topic-namer';
import type { ConsumedEvent, EventApplier } from './consumed-event';
import { type DeadLetter, DeadLetterSender } from './dead-letter';
import { InboxProcessor } from './inbox-processor';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy, sleep } from './retry-policy';

export interface EventConsumerSettings {
  /** Consumer group id, also the inbox consumer name. */
  groupId: string;
  /** Logical topic names. */
  topics: readonly string[];
  apply: EventApplier;
  /** Events this consumer does not handle are skipped without an inbox row. */
  accepts?: (envelope: EventEnvelope) => boolean;
  namer?: TopicNamer;
  retry?: RetryPolicy;
  /** Messages applied per database transaction. */
  chunkSize?: number;
  partitionsConsumedConcurrently?: number;
  /** Sandbox deployments: treat every event as a replay (`ConsumedEvent.replay`). */
  replayAll?: boolean;
  fromBeginning?: boolean;
  logger?: LoggerLike;
}

type Decoded =
  { ok: true; event: ConsumedEvent; message: KafkaMessage } | { ok: false; letter: DeadLetter };

/**
 * A kafkajs batch consumer with validation, an inbox, bounded retries and a DLQ. Offsets are
 * committed only for messages whose effect is durable (applied, skipped or dead-lettered), so a
 * crash redelivers and the inbox absorbs the duplicates. A poison message never blocks a partition.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly processor: InboxProcessor;
  private readonly deadLetters: DeadLetterSender;
  private readonly namer: TopicNamer;
  private readonly retry: RetryPolicy;
  private readonly logger: LoggerLike;
  private runConfig?: ConsumerRunConfig;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    kafka: Kafka,
    dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly settings: EventConsumerSettings,
  ) {
    this.namer = settings.namer ?? new TopicNamer();
    this.retry = settings.retry ?? DEFAULT_RETRY_POLICY;
    this.logger = settings.logger ?? consoleLogger;
    this.consumer = kafka.consumer({
      groupId: this.namer.physical(settings.groupId),
      allowAutoTopicCreation: false,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      maxWaitTimeInMs: 100,
    });
    this.processor = new InboxProcessor(dataSource, settings.groupId, settings.apply, this.retry);
    this.deadLetters = new DeadLetterSender(publisher, this.namer, settings.groupId);
  }

  async start(): Promise<void> {
    await this.publisher.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.settings.topics.map((t) => this.namer.physical(t)),
      fromBeginning: this.settings.fromBeginning ?? true,
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => this.onCrash(event));
    this.runConfig = {
      autoCommit: true,
      // Commit at most once a second: a crash redelivers up to a second of events, which the inbox absorbs.
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently ?? 6,
      eachBatch: (payload) => this.handleBatch(payload),
    };
    await this.consumer.run(this.runConfig);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.consumer.disconnect();
  }

  /**
   * kafkajs restarts a crashed consumer only after a retriable error; after any other it leaves
   * the group and stops for good, while the process goes on answering its health checks. A
   * consumer that silently stops is the worst outcome (the group empties and lag grows), so this
   * one starts it again, with growing gaps, until it runs or the service stops.
   */
  private onCrash({ payload: { error, restart } }: ConsumerCrashEvent): void {
    const group = this.settings.groupId;
    const why = `${error.name}: ${error.message}`;
    messagingMetrics.consumerCrashes.inc({ group, restarted_by: restart ? 'kafkajs' : 'simpul' });
    if (restart) {
      this.logger.warn(`consumer ${group} crashed (${why}); the Kafka client restarts it`);
      return;
    }
    if (this.stopping) return;
    this.logger.error(`consumer ${group} stopped by the Kafka client (${why}); starting it again`);
    this.scheduleRestart(1);
  }

  private scheduleRestart(attempt: number): void {
    const delay = backoffDelay({ ...this.retry, maxDelayMs: 30_000 }, Math.min(attempt, 10));
    this.restartTimer = setTimeout(() => void this.restart(attempt), delay);
  }

  private async restart(attempt: number): Promise<void> {
    if (this.stopping || !this.runConfig) return;
    try {
      await this.consumer.connect();
      await this.consumer.run(this.runConfig);
      this.logger.warn(`consumer ${this.settings.groupId} started again`);
    } catch (error) {
      this.logger.error(
        `consumer ${this.settings.groupId} could not start again (attempt ${attempt}): ${(error as Error).message}`,
      );
      if (!this.stopping) this.scheduleRestart(attempt + 1);
    }
  }

  /** For health checks and tests: the underlying kafkajs consumer. */
  get raw(): Consumer {
    return this.consumer;
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const topic = this.namer.logical(batch.topic);
    const size = this.settings.chunkSize ?? 500;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(start, start + size);
      const decoded = chunk.map((message) => this.decode(topic, batch.partition, message));
      const done = await this.processChunk(decoded, payload);
      if (!done) return;
      payload.resolveOffset(chunk[chunk.length - 1].offset);
      await payload.heartbeat();
      await payload.commitOffsetsIfNecessary();
    }
    messagingMetrics.lag.set(
      { group: this.settings.groupId, topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
  }

  /** Returns false when the consumer stopped while infrastructure was unavailable. */
  private async processChunk(
    decoded: readonly Decoded[],
    payload: EachBatchPayload,
  ): Promise<boolean> {
    const events = decoded.flatMap((d) => (d.ok && this.accepted(d.event) ? [d.event] : []));
    const invalid = decoded.flatMap((d) => (d.ok ? [] : [d.letter]));
    const messages = new Map(decoded.flatMap((d) => (d.ok ? [[d.event, d.message] as const] : [])));
    for (let attempt = 1; ; attempt++) {
      try {
        const timer = messagingMetrics.handlerSeconds.startTimer({
          group: this.settings.groupId,
          topic: decoded[0]?.ok ? decoded[0].event.topic : (decoded[0]?.letter.topic ?? ''),
        });
        const failures = await this.processor.process(events);
        timer();
        const letters: DeadLetter[] = [
          ...invalid,
          ...failures.map((f) => ({
            topic: f.event.topic,
            partition: f.event.partition,
            message: messages.get(f.event) as KafkaMessage,
            errorCode: 'HANDLER_FAILED',
            error: f.error.message,
            attempts: f.attempts,
          })),
        ];
        await this.deadLetters.send(letters);
        this.count(decoded, events.length, letters);
        for (const letter of letters) {
          this.logger.warn(
            `dead-lettered ${letter.topic}[${letter.partition}]@${letter.message.offset}: ${letter.errorCode} ${letter.error}`,
          );
        }
        return true;
      } catch (error) {
        // Database or broker unavailable: wait and try the same chunk again, keeping our partitions.
        this.logger.warn(
          `consumer ${this.settings.groupId} waiting for infrastructure: ${(error as Error).message}`,
        );
        await sleep(backoffDelay({ ...this.retry, maxDelayMs: 5000 }, Math.min(attempt, 8)));
        if (!payload.isRunning() || payload.isStale()) return false;
        await payload.heartbeat().catch(() => undefined);
      }
    }
  }

  /** Metrics of one chunk: processed (applied or already applied), skipped, dead-lettered. */
  private count(decoded: readonly Decoded[], accepted: number, letters: readonly DeadLetter[]) {
    const topic = decoded[0]?.ok ? decoded[0].event.topic : (decoded[0]?.letter.topic ?? '');
    const group = this.settings.groupId;
    const invalid = decoded.filter((d) => !d.ok).length;
    const outcomes = {
      processed: accepted - (letters.length - invalid),
      skipped: decoded.length - accepted - invalid,
      dead_lettered: letters.length,
    };
    for (const [outcome, count] of Object.entries(outcomes)) {
      if (count > 0) messagingMetrics.consumed.inc({ group, topic, outcome }, count);
    }
    for (const letter of letters) {
      messagingMetrics.deadLettered.inc({ topic: letter.topic, code: letter.errorCode });
    }
  }

  private accepted(event: ConsumedEvent): boolean {
    return this.settings.accepts ? this.settings.accepts(event.envelope) : true;
  }

  private decode(topic: string, partition: number, message: KafkaMessage): Decoded {
    try {
      const envelope = decodeEvent(message.value);
      const event = {
        envelope,
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        replay: this.settings.replayAll === true || isReplayed(message.headers),
      };
      return { ok: true, event, message };
    } catch (error) {
      const code = error instanceof EventValidationError ? error.code : 'DECODE_FAILED';
      return {
        ok: false,
        letter: {
          topic,
          partition,
          message,
          errorCode: code,
          error: (error as Error).message,
          attempts: 0,
        },
      };
    }
  }
}
