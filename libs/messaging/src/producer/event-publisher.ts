import type { OutboxRecord } from '@simpul/persistence';
import {
  CompressionTypes,
  Partitioners,
  type Kafka,
  type Message,
  type Producer,
  type TopicMessages,
} from 'kafkajs';
import { envelopeHeaders } from '../kafka/headers';
import { messagingMetrics } from '../metrics/messaging-metrics';
import { TopicNamer } from '../topics/topic-namer';

/** What goes on the wire for one event: the outbox row is exactly that. */
export type OutgoingEvent = Pick<
  OutboxRecord,
  'topic' | 'key' | 'eventId' | 'eventType' | 'eventVersion' | 'value'
>;

/**
 * An idempotent, acks=all producer. Messages of one key go to one partition in the order given,
 * and idempotence keeps that order through retries with up to 5 requests in flight.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly namer = new TopicNamer(),
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
      // The Java client's murmur2 partitioner: other tools place a key on the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
  }

  async disconnect(): Promise<void> {
    if (this.connected) {
      this.connected = false;
      await this.producer.disconnect();
    }
  }

  /**
   * Sends in order; a batch larger than the broker takes in one request (message.max.bytes,
   * 1 MB by default) goes in several sends, one after the other, so order per key holds.
   */
  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    for (const chunk of byteBoundedChunks(events, MAX_SEND_BYTES)) {
      await this.sendRaw(groupByTopic(chunk, this.namer));
      const perTopic = new Map<string, number>();
      for (const event of chunk) perTopic.set(event.topic, (perTopic.get(event.topic) ?? 0) + 1);
      for (const [topic, count] of perTopic) messagingMetrics.produced.inc({ topic }, count);
    }
  }

  /** Sends messages as they are (used for dead letters, which keep the original bytes). */
  async sendRaw(topicMessages: TopicMessages[]): Promise<void> {
    await this.connect();
    await this.producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
  }
}

/** Below the broker's default 1 MB request limit, with room for headers and framing. */
const MAX_SEND_BYTES = 768 * 1024;

function byteBoundedChunks(events: readonly OutgoingEvent[], maxBytes: number): OutgoingEvent[][] {
  const chunks: OutgoingEvent[][] = [];
  let current: OutgoingEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(event.value) + Buffer.byteLength(event.key ?? '') + 200;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function groupByTopic(events: readonly OutgoingEvent[], namer: TopicNamer): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of events) {
    const topic = namer.physical(event.topic);
    const messages = byTopic.get(topic) ?? [];
    messages.push({
      key: event.key,
      value: event.value,
      headers: envelopeHeaders(event.eventId, event.eventType, event.eventVersion),
    });
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
