import { ensureDatabase, withDatabaseName } from '@simpul/persistence';
import { provideKafka, providePostgres, serverVersion } from '@simpul/testing';

export interface Infrastructure {
  brokers: string;
  kafkaNote: string;
  databaseUrl: (service: string) => string;
  postgresNote: string;
  stop: () => Promise<void>;
}

/** The machine's PostgreSQL on its default port, if it answers without a password. */
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresUrl(log: (line: string) => void) {
  if (process.env['DATABASE_URL']) return providePostgres(log);
  try {
    const version = await serverVersion(LOCAL_POSTGRES);
    return {
      url: LOCAL_POSTGRES,
      version,
      source: 'already running on 127.0.0.1:5432',
      stop: undefined,
    };
  } catch {
    return providePostgres(log);
  }
}

/**
 * The broker and the database: what already runs is reused (KAFKA_BROKERS, a broker on
 * 127.0.0.1:9092, DATABASE_URL, PostgreSQL on 127.0.0.1:5432); otherwise the local Kafka
 * launcher (fetched from Maven Central on first use) and an embedded PostgreSQL are started.
 */
export async function provideInfrastructure(log: (line: string) => void): Promise<Infrastructure> {
  const kafka = await provideKafka(log).catch((error: Error) => {
    throw new Error(
      `Kafka could not start: ${error.message}\n` +
        '  It needs Java 17 and Maven on PATH (the broker is fetched from Maven Central on first use),\n' +
        '  or set KAFKA_BROKERS to a running broker.',
    );
  });
  const postgres = await postgresUrl(log).catch(async (error: Error) => {
    await kafka.stop?.();
    throw new Error(
      `PostgreSQL could not start: ${error.message}\n  Set DATABASE_URL to a running server.`,
    );
  });
  const urls = new Map<string, string>();
  for (const service of ['catalog', 'orders', 'logistics', 'pricing']) {
    const url = withDatabaseName(postgres.url, `simpul_${service}`);
    await ensureDatabase(url);
    urls.set(service, url);
  }
  return {
    brokers: kafka.brokers,
    kafkaNote: `Apache Kafka${/^\d/.test(kafka.version) ? ` ${kafka.version}` : ''} at ${kafka.brokers} (${kafka.source})`,
    databaseUrl: (service) => urls.get(service) as string,
    postgresNote: `PostgreSQL ${postgres.version} (${postgres.source}); databases simpul_catalog, simpul_orders, simpul_logistics, simpul_pricing`,
    stop: async () => {
      await postgres.stop?.();
      await kafka.stop?.();
    },
  };
}
