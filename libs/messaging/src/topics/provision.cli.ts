// One-shot job: creates every topic of the registry and its DLQ that does not exist yet.
//   KAFKA_BROKERS=kafka:9092 [KAFKA_TOPIC_PREFIX=…] [KAFKA_REPLICATION_FACTOR=3] node dist/libs/messaging/src/topics/provision.cli.js
// Idempotent; used by docker-compose's `topics` job (services can also provision at start,
// KAFKA_PROVISION_TOPICS). On Kubernetes with Strimzi, infra/k8s declares KafkaTopic resources instead.
import { ALL_TOPICS } from '@simpul/contracts';
import { createKafka, parseBrokers } from '../kafka/kafka-factory';
import { consoleLogger } from '../kafka/logger-like';
import { provisionTopics } from './provision-topics';
import { TopicNamer } from './topic-namer';

async function main(): Promise<number> {
  const brokers = parseBrokers(process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092');
  const replication = Number(process.env['KAFKA_REPLICATION_FACTOR'] ?? '-1');
  if (!Number.isInteger(replication) || replication === 0 || replication < -1) {
    console.error(
      'KAFKA_REPLICATION_FACTOR must be a positive whole number, or -1 for the broker default',
    );
    return 2;
  }
  const kafka = createKafka({
    brokers,
    clientId: 'simpul-provision',
    logger: consoleLogger,
    connectionTimeoutMs: 10_000,
  });
  const created = await provisionTopics(kafka, ALL_TOPICS, {
    namer: new TopicNamer(process.env['KAFKA_TOPIC_PREFIX'] ?? ''),
    replicationFactor: replication,
    logger: consoleLogger,
  });
  console.log(
    created.length
      ? `created ${created.length} topic(s): ${created.join(', ')}`
      : `all ${ALL_TOPICS.length * 2} topics (with DLQs) exist`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`provisioning failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
