import type { ProvidedKafka, ProvidedPostgres } from '@simpul/testing';

/**
 * The broker and database as provideKafka/providePostgres found them, for a bench's result file:
 * `npm run bench` reports them with the machine's details.
 */
export function benchEnvironment(kafka: ProvidedKafka, pg: ProvidedPostgres) {
  return {
    kafka: { version: kafka.version, source: kafka.source },
    postgres: { version: pg.version, source: pg.source },
  };
}
