import { provideKafka } from '../infra/provide-kafka';
import { providePostgres } from '../infra/provide-postgres';

type Stop = () => Promise<void>;
const globalStore = globalThis as typeof globalThis & { __simpulStops?: Stop[] };

const say = (line: string) => process.stdout.write(`[simpul tests] ${line}\n`);

/**
 * Provides one real Kafka broker and one real PostgreSQL server for all integration suites.
 * Suites isolate themselves (topic prefixes, consumer groups, databases), see `isolation.ts`.
 */
export default async function globalSetup(): Promise<void> {
  say('');
  const kafka = await provideKafka(say);
  const postgres = await providePostgres(say);
  process.env['SIMPUL_TEST_KAFKA_BROKERS'] = kafka.brokers;
  process.env['SIMPUL_TEST_DATABASE_URL'] = postgres.url;
  process.env['SIMPUL_TEST_KAFKA_VERSION'] = kafka.version;
  globalStore.__simpulStops = [kafka.stop, postgres.stop].filter((stop): stop is Stop =>
    Boolean(stop),
  );
  say(`Apache Kafka ${kafka.version} at ${kafka.brokers} (${kafka.source})`);
  say(
    `PostgreSQL ${postgres.version} at ${new URL(postgres.url).host} (${postgres.source}): a real server`,
  );
}
