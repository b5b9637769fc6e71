import type { IHeaders, Kafka } from 'kafkajs';
import { uniqueId } from './isolation';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [
      name,
      String(Array.isArray(value) ? value[0] : value),
    ]),
  );
}

/**
 * Reads a topic from the beginning up to its end offsets at call time, in a throwaway group
 * that commits nothing: what a test needs to assert on what was published.
 */
export async function readTopic(kafka: Kafka, topic: string): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((p) => p.high !== '0').map((p) => [p.partition, BigInt(p.high)]),
  );
  if (remaining.size === 0) return [];
  const messages: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId: `test-reader-${uniqueId()}`, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const end = remaining.get(partition);
          if (end === undefined || BigInt(message.offset) >= end) return;
          messages.push({
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: headersToStrings(message.headers),
          });
          if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
          if (remaining.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return messages;
}
