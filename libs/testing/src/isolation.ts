import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabaseName } from '@simpul/persistence';

/** Short lowercase id: suites and tests combine it into database, topic and group names. */
export function uniqueId(): string {
  return randomBytes(5).toString('hex');
}

export function testKafkaBrokers(): string {
  return requiredEnv('SIMPUL_TEST_KAFKA_BROKERS');
}

export function testServerUrl(): string {
  return requiredEnv('SIMPUL_TEST_DATABASE_URL');
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run integration tests through jest's integration project (global setup)`,
    );
  return value;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on the shared test server, dropped by `drop()`. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const url = withDatabaseName(testServerUrl(), `t_${label}_${uniqueId()}`);
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

/** A topic prefix unique to one suite, so suites sharing the broker never see each other's events. */
export function uniqueTopicPrefix(): string {
  return `t${uniqueId()}.`;
}
