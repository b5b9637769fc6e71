import { Kafka, logLevel } from 'kafkajs';
import {
  createTestDatabase,
  testKafkaBrokers,
  type TestDatabase,
  uniqueTopicPrefix,
} from './isolation';
import { allocatePort, type ServiceProcess, startService } from './service-process';

export interface TestService {
  process: ServiceProcess;
  url: string;
  database: TestDatabase;
  /** The suite's topic prefix: `${topicPrefix}catalog.offers.v1` is what the service publishes to. */
  topicPrefix: string;
  /** Kills the process and drops its database. */
  stop(): Promise<void>;
}

/** A built service on its own database and topic prefix, ready (GET /health/ready answered 200). */
export async function startTestService(
  service: string,
  label: string,
  env: Record<string, string> = {},
): Promise<TestService> {
  const database = await createTestDatabase(label);
  const topicPrefix = uniqueTopicPrefix();
  const process = await startService(service, {
    PORT: String(allocatePort()),
    DATABASE_URL: database.url,
    KAFKA_BROKERS: testKafkaBrokers(),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    ...env,
  }).catch(async (error) => {
    await database.drop();
    throw error;
  });
  return {
    process,
    url: process.url,
    database,
    topicPrefix,
    stop: async () => {
      await process.stop('SIGKILL');
      await database.drop();
    },
  };
}

/** A kafkajs client on the test broker that logs nothing (assertions say what went wrong). */
export function testKafka(clientId: string): Kafka {
  return new Kafka({
    brokers: testKafkaBrokers().split(','),
    clientId,
    logLevel: logLevel.NOTHING,
  });
}
