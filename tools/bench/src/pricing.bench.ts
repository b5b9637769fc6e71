import 'reflect-metadata';
import { parseArgs } from 'node:util';
import {
  createEnvelope,
  MarketPricesObserved,
  type MarketPriceV1,
  TOPICS,
} from '@simpul/contracts';
import { createKafka, EventPublisher, provisionTopics, TopicNamer } from '@simpul/messaging';
import {
  dropDatabase,
  ensureDatabase,
  toOutboxRecord,
  withDatabaseName,
} from '@simpul/persistence';
import { roundTo, writeBenchResult } from '@simpul/platform';
import {
  allocatePort,
  provideKafka,
  providePostgres,
  type ServiceProcess,
  startService,
  uniqueId,
} from '@simpul/testing';
import { Client } from 'pg';
import { benchEnvironment } from './bench-environment';

/*
 * Ingestion through the real broker: batches of Jakarta market prices are produced to
 * pricing.observations.v1 and the pricing service — a separate process, as deployed — consumes
 * them, stores the observations, rebuilds daily aggregates, recomputes the statistics of every
 * touched series and checks its alerts. The clock runs from the first message produced until
 * every observation is in the aggregates and every series' statistics are as of its last day.
 */

const quiet = {
  log: () => undefined,
  warn: (m: unknown) => console.warn(String(m)),
  error: (m: unknown) => console.error(String(m)),
};
const COMMODITIES = [
  'EGG',
  'CHILI_RED_CURLY',
  'CHILI_CAYENNE_RED',
  'SHALLOT',
  'GARLIC',
  'TOMATO',
  'RICE_MEDIUM',
  'RICE_PREMIUM',
  'SUGAR',
  'BEEF',
  'BROILER_CARCASS',
  'CATFISH',
  'TILAPIA',
  'COCONUT_SUGAR',
  'SAMBAL_PECEL',
  'COOKING_OIL',
  'CATTLE_LIVE',
  'KOI',
  'DJEMBE',
  'BROILER_LIVE',
];
const DAY = 86_400_000;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      observations: { type: 'string', default: '200000' },
      batch: { type: 'string', default: '500' },
      markets: { type: 'string', default: '50' },
    },
  });
  const observations = Number(values.observations);
  const batch = Number(values.batch);
  const markets = Number(values.markets);
  if (![observations, batch, markets].every((n) => Number.isInteger(n) && n > 0) || batch > 1000) {
    throw new Error('--observations, --batch (≤ 1000) and --markets must be positive integers');
  }
  return { observations, batch, markets };
}

/**
 * Prices around 30,000 with a seeded wobble, one per market, commodity and day. Each event
 * carries `batch` prices of one commodity (days in order); commodities take turns.
 */
function* batches(total: number, batch: number, markets: number) {
  let seed = 20260901;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const perCommodity = Math.ceil(total / COMMODITIES.length);
  const days = Math.ceil(perCommodity / markets);
  const day0 = Math.floor(Date.now() / DAY) * DAY - days * DAY;
  const price = (commodityCode: string, n: number): MarketPriceV1 => {
    const date = new Date(day0 + Math.floor(n / markets) * DAY).toISOString().slice(0, 10);
    const market = `Pasar ${n % markets}`;
    const priceIdr = Math.round(30_000 * (0.9 + 0.2 * random()));
    return {
      observationId: `bench:${market}:${commodityCode}:${date}`,
      market,
      priceIdr,
      observedAt: `${date}T00:00:00.000Z`,
    };
  };
  let made = 0;
  for (let start = 0; start < perCommodity && made < total; start += batch) {
    for (const commodityCode of COMMODITIES) {
      const size = Math.min(batch, perCommodity - start, total - made);
      if (size <= 0) continue;
      const observations = Array.from({ length: size }, (_, i) => price(commodityCode, start + i));
      made += size;
      const data = {
        commodityCode,
        level: 'consumer',
        region: 'jakarta',
        source: 'rest',
        observations,
      };
      yield toOutboxRecord(
        MarketPricesObserved,
        createEnvelope(MarketPricesObserved, { source: 'bench', subject: commodityCode, data }),
      );
    }
  }
}

async function progress(db: Client, total: number, started: number): Promise<void> {
  for (;;) {
    const [{ n, behind }] = (
      await db.query(
        `SELECT coalesce((SELECT sum(count) FROM daily_aggregates), 0)::int AS n,
                (SELECT count(*)::int FROM daily_aggregates d WHERE d.day = (SELECT max(day) FROM daily_aggregates d2
                   WHERE d2.commodity_code = d.commodity_code AND d2.level = d.level AND d2.region = d.region)
                   AND NOT EXISTS (SELECT 1 FROM series_statistics s WHERE s.commodity_code = d.commodity_code
                   AND s.level = d.level AND s.region = d.region AND s.updated_at >= d.day)) AS behind`,
      )
    ).rows;
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `\r  ingested ${n}/${total} observations, ${(n / seconds).toFixed(0)}/s   `,
    );
    if (n >= total && behind === 0)
      return void (process.stdout.isTTY && process.stdout.write('\n'));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const options = parseOptions();
  const log = (line: string) => console.log(`  ${line}`);
  const kafkaInfo = await provideKafka(log);
  const pgInfo = await providePostgres(log);
  const dbUrl = withDatabaseName(pgInfo.url, `bench_pricing_${uniqueId()}`);
  await ensureDatabase(dbUrl);
  const prefix = `bench-${uniqueId()}.`;
  const kafka = createKafka({
    brokers: kafkaInfo.brokers.split(','),
    clientId: 'bench',
    logger: quiet,
  });
  const namer = new TopicNamer(prefix);
  await provisionTopics(kafka, [TOPICS.pricingObservations], { namer, logger: quiet });
  console.log(
    `pricing benchmark: ${options.observations} observations in events of ${options.batch}, ${COMMODITIES.length} commodities × ${options.markets} markets; Apache Kafka ${kafkaInfo.version}; PostgreSQL ${pgInfo.version}; ${process.version}`,
  );
  const publisher = new EventPublisher(kafka, namer);
  const records = [...batches(options.observations, options.batch, options.markets)];
  let service: ServiceProcess | undefined;
  const db = new Client({ connectionString: dbUrl });
  try {
    service = await startService('pricing', {
      PORT: String(allocatePort()),
      DATABASE_URL: dbUrl,
      KAFKA_BROKERS: kafkaInfo.brokers,
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    });
    await db.connect();
    const started = performance.now();
    for (let i = 0; i < records.length; i += 200)
      await publisher.publish(records.slice(i, i + 200));
    const producedIn = (performance.now() - started) / 1000;
    await progress(db, options.observations, started);
    const seconds = (performance.now() - started) / 1000;
    const series = (await db.query('SELECT count(*)::int AS n FROM series_statistics')).rows[0].n;
    console.log(`produced ${records.length} events in ${producedIn.toFixed(1)} s`);
    console.log(
      `${options.observations} observations ingested with statistics current for ${series} series in ${seconds.toFixed(1)} s: ${(options.observations / seconds).toFixed(0)} observations/s`,
    );
    writeBenchResult({
      name: 'pricing',
      startedAt,
      parameters: { ...options, commodities: COMMODITIES.length, events: records.length },
      figures: {
        observationsPerSecond: Math.round(options.observations / seconds),
        seconds: roundTo(seconds, 2),
        producedSeconds: roundTo(producedIn, 2),
        series,
      },
      environment: benchEnvironment(kafkaInfo, pgInfo),
    });
  } finally {
    await db.end().catch(() => undefined);
    await service?.stop('SIGTERM');
    await publisher.disconnect();
    await dropDatabase(dbUrl);
    await kafkaInfo.stop?.();
    await pgInfo.stop?.();
  }
}

main().catch((error) => {
  console.error(`bench:pricing failed: ${(error as Error).message}`);
  process.exit(1);
});
