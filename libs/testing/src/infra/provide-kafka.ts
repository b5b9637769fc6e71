import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { dockerAvailable } from './docker';
import { repoRoot } from './repo-root';

export interface ProvidedKafka {
  brokers: string;
  version: string;
  source: string;
  stop?: () => Promise<void>;
}

interface LocalKafkaModule {
  ensureKafka(options: {
    port?: number;
    log?: (line: string) => void;
  }): Promise<{ brokers: string; version: string; started: boolean }>;
  stopKafka(options: { port?: number }): Promise<boolean>;
  KAFKA_VERSION: string;
}

export const KAFKA_IMAGE_VERSION = '4.4.0';

/** KAFKA_BROKERS when set; else a testcontainers broker when Docker answers; else the local launcher. */
export async function provideKafka(log: (line: string) => void): Promise<ProvidedKafka> {
  if (process.env['KAFKA_BROKERS']) {
    return {
      brokers: process.env['KAFKA_BROKERS'],
      version: process.env['KAFKA_VERSION'] ?? 'as deployed',
      source: 'KAFKA_BROKERS',
    };
  }
  if (await dockerAvailable()) return startKafkaContainer();

  const launcher: LocalKafkaModule = require(join(repoRoot(), 'infra/kafka/local-kafka.js'));
  const port = Number(process.env['LOCAL_KAFKA_PORT'] ?? 9092);
  const result = await launcher.ensureKafka({ port, log });
  return {
    brokers: result.brokers,
    version: result.version,
    source: result.started
      ? 'local launcher, started for this run'
      : 'local launcher, already running',
    stop: result.started ? async () => void (await launcher.stopKafka({ port })) : undefined,
  };
}

/** The official apache/kafka image in KRaft mode, advertised on a fixed free host port. */
async function startKafkaContainer(): Promise<ProvidedKafka> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const port = await freePort();
  const container = await new GenericContainer(`apache/kafka:${KAFKA_IMAGE_VERSION}`)
    .withExposedPorts({ container: 9092, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(120_000)
    .start();
  return {
    brokers: `127.0.0.1:${port}`,
    version: KAFKA_IMAGE_VERSION,
    source: 'testcontainers, apache/kafka image',
    stop: async () => void (await container.stop()),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
