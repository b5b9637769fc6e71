import { dlqTopicName } from '@simpul/contracts';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { HEADER } from '../kafka/headers';
import type { EventPublisher } from '../producer/event-publisher';
import type { TopicNamer } from '../topics/topic-namer';

export interface DeadLetter {
  /** Logical topic the message was read from. */
  topic: string;
  partition: number;
  message: KafkaMessage;
  errorCode: string;
  error: string;
  attempts: number;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * Sends messages that cannot be applied to `<topic>.dlq`: original key, value and headers, plus
 * the cause, so that an operator can inspect, fix and replay them.
 */
export class DeadLetterSender {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly namer: TopicNamer,
    private readonly consumerName: string,
  ) {}

  async send(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const byTopic = new Map<string, DeadLetter[]>();
    for (const letter of letters) {
      const topic = this.namer.physical(dlqTopicName(letter.topic));
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), letter]);
    }
    await this.publisher.sendRaw(
      [...byTopic].map(([topic, group]) => ({
        topic,
        messages: group.map((letter) => ({
          key: letter.message.key,
          value: letter.message.value,
          headers: this.headers(letter),
        })),
      })),
    );
  }

  private headers(letter: DeadLetter): IHeaders {
    return {
      ...(letter.message.headers ?? {}),
      [HEADER.dlqErrorCode]: letter.errorCode,
      [HEADER.dlqError]: letter.error.slice(0, MAX_ERROR_LENGTH),
      [HEADER.dlqAttempts]: String(letter.attempts),
      [HEADER.dlqTopic]: letter.topic,
      [HEADER.dlqPartition]: String(letter.partition),
      [HEADER.dlqOffset]: letter.message.offset,
      [HEADER.dlqConsumer]: this.consumerName,
      [HEADER.dlqTime]: new Date().toISOString(),
    };
  }
}
