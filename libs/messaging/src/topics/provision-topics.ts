import { dlqTopicFor, type TopicDefinition } from '@simpul/contracts';
import type { ITopicConfig, Kafka } from 'kafkajs';
import { consoleLogger, type LoggerLike } from '../kafka/logger-like';
import { TopicNamer } from './topic-namer';

export interface ProvisionOptions {
  namer?: TopicNamer;
  /** -1 lets the broker apply its default.replication.factor. */
  replicationFactor?: number;
  withDlq?: boolean;
  logger?: LoggerLike;
}

function toTopicConfig(
  topic: TopicDefinition,
  namer: TopicNamer,
  replicationFactor: number,
): ITopicConfig {
  return {
    topic: namer.physical(topic.name),
    numPartitions: topic.partitions,
    replicationFactor,
    configEntries: [
      { name: 'cleanup.policy', value: topic.cleanupPolicy },
      { name: 'retention.ms', value: String(topic.retentionMs) },
    ],
  };
}

/**
 * Creates the topics (and their DLQs) that do not exist yet. Idempotent: existing topics are
 * left alone, and a partition count below the registry's is reported, never changed, because
 * adding partitions would move keys and break per-key order.
 */
export async function provisionTopics(
  kafka: Kafka,
  topics: readonly TopicDefinition[],
  options: ProvisionOptions = {},
): Promise<string[]> {
  const namer = options.namer ?? new TopicNamer();
  const logger = options.logger ?? consoleLogger;
  const wanted = topics.flatMap((t) => (options.withDlq === false ? [t] : [t, dlqTopicFor(t)]));
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(namer.physical(t.name)));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((t) => toTopicConfig(t, namer, options.replicationFactor ?? -1)),
      });
      await waitForLeaders(
        admin,
        missing.map((t) => namer.physical(t.name)),
      );
    }
    await reportPartitionDrift(
      admin,
      wanted.filter((t) => existing.has(namer.physical(t.name))),
      namer,
      logger,
    );
    return missing.map((t) => namer.physical(t.name));
  } finally {
    await admin.disconnect();
  }
}

const LEADER_WAIT_MS = 30_000;

/**
 * Waits until every partition of the new topics has a leader. kafkajs's own wait gives up when a
 * KRaft broker briefly answers "unknown topic or partition" for a topic it has just created.
 */
async function waitForLeaders(
  admin: ReturnType<Kafka['admin']>,
  topics: readonly string[],
): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      if (
        metadata.topics.every(
          (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
        )
      )
        return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    if (Date.now() >= deadline)
      throw new Error(`topics without a leader after ${LEADER_WAIT_MS} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function reportPartitionDrift(
  admin: ReturnType<Kafka['admin']>,
  topics: readonly TopicDefinition[],
  namer: TopicNamer,
  logger: LoggerLike,
): Promise<void> {
  if (topics.length === 0) return;
  const metadata = await admin.fetchTopicMetadata({
    topics: topics.map((t) => namer.physical(t.name)),
  });
  for (const found of metadata.topics) {
    const expected = topics.find((t) => namer.physical(t.name) === found.name);
    if (expected && found.partitions.length < expected.partitions) {
      logger.warn(
        `topic ${found.name} has ${found.partitions.length} partitions, the registry asks for ${expected.partitions}`,
      );
    }
  }
}
