import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { mintToken, type Role } from '@simpul/platform';
import { repoRoot } from '@simpul/testing';
import { SingleBar } from 'cli-progress';
import { provideInfrastructure } from './infrastructure';
import { connect } from './scenario/api-client';
import { PRODUCER_ROSTER } from './scenario/producer-roster';
import { registerProducers } from './scenario/register-producers';
import { formatSummary, runScenario } from './scenario/run-scenario';
import type { ScenarioTarget } from './scenario/scenario-types';
import {
  assertPortFree,
  type RunningService,
  SERVICES,
  type ServiceName,
  startService,
  stopAll,
  waitReady,
} from './service-fleet';

const USAGE = `usage: npm start -- [--no-simulate] [--days <n>] [--seed <n>] [--rate <x>] [--quiet]

Starts Kafka, PostgreSQL and the four simpul services on this machine, runs the Blitar → Jakarta
scenario (unless --no-simulate), prints a summary, and keeps everything up until Ctrl-C.
  --no-simulate   start the system with its reference data and leave it idle
  --days <n>      simulated days of the programme (default 5)
  --seed <n>      the scenario's seed: the same seed gives the same scenario (default 2025)
  --rate <x>      scale of the daily volume (default 1)
  --quiet         do not echo the services' logs while the scenario runs`;

const PORTS: Record<ServiceName, number> = {
  catalog: 3001,
  orders: 3002,
  logistics: 3003,
  pricing: 3004,
};

// Lively intervals for a demo on one machine; production defaults are in each service's README.
const DEMO_ENV: Record<string, string> = {
  DISPATCH_PLANNING_INTERVAL_MS: '2000',
  DISPATCH_HOLD_BELOW_FILL: '0',
  DELAY_CHECK_INTERVAL_MS: '2000',
  CEILING_CHECK_MS: '2000',
  MATCHING_CLOCK_TICK_MS: '5000',
  OFFER_EXPIRY_SWEEP_MS: '5000',
  // One machine: a BUMD developer's receiver (tools/bumd-receiver) runs on loopback over http.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  // The scenario replays days of trade in seconds as a handful of clients: no rate limit.
  RATE_LIMIT_PER_MINUTE: '0',
  WEBHOOK_REQUIRE_HTTPS: 'false',
};

function options() {
  const { values } = parseArgs({
    options: {
      'no-simulate': { type: 'boolean', default: false },
      days: { type: 'string', default: '5' },
      seed: { type: 'string', default: '2025' },
      rate: { type: 'string', default: '1' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const days = Number(values.days);
  const seed = Number(values.seed);
  const rate = Number(values.rate);
  if (values.help) return null;
  if (!Number.isInteger(days) || days < 1 || days > 60)
    throw new Error('--days must be a whole number from 1 to 60');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  if (!(rate > 0 && rate <= 20)) throw new Error('--rate must be above 0 and at most 20');
  return { simulate: !values['no-simulate'], days, seed, rate, quiet: values.quiet };
}

const say = (line: string) => console.log(`\x1b[1m▸ ${line}\x1b[0m`);

async function main(): Promise<void> {
  const opts = options();
  if (!opts) return void console.log(USAGE);
  say('infrastructure');
  const infra = await provideInfrastructure((line) => console.log(`  ${line}`));
  console.log(`  ${infra.kafkaNote}\n  ${infra.postgresNote}`);
  const secret = process.env['AUTH_JWT_SECRET'] ?? randomBytes(32).toString('hex');
  const services: RunningService[] = [];
  let echo = true;
  const print = (line: string) => echo && console.log(line);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      say('stopping');
      await stopAll(services);
      await infra.stop();
      console.log('  stopped cleanly');
    })());
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  try {
    say('services');
    for (const name of SERVICES) await assertPortFree(port(name), name);
    for (const name of SERVICES) {
      const env = {
        ...DEMO_ENV,
        DATABASE_URL: infra.databaseUrl(name),
        KAFKA_BROKERS: infra.brokers,
        AUTH_JWT_SECRET: secret,
      };
      services.push(startService(repoRoot(), name, port(name), env, print));
    }
    for (const service of services) await waitReady(service, 120_000);
    say(`all four services ready`);
    const target: ScenarioTarget = {
      urls: Object.fromEntries(services.map((s) => [s.name, s.url])) as ScenarioTarget['urls'],
      token: (role, tenant) =>
        mintToken({ secret, role: role as Role, subject: `npm-start:${role}`, tenantId: tenant }),
    };
    say('reference data');
    const producers = await registerProducers(connect(target).catalog);
    console.log(referenceNote(producers.registered, producers.verified));
    if (opts.simulate) {
      echo = !opts.quiet;
      say(`scenario: ${opts.days} days, seed ${opts.seed}, rate ${opts.rate}`);
      const bar = new SingleBar({
        format: '  {bar} {percentage}% | {value}/{total} | {label} | ETA {eta_formatted}',
        hideCursor: true,
      });
      let started = false;
      const summary = await runScenario(target, {
        ...opts,
        producerIds: producers.ids,
        onProgress: (done, total, label) => {
          if (!started) bar.start(total, 0, { label });
          started = true;
          bar.setTotal(total);
          bar.update(done, { label });
        },
      });
      bar.stop();
      echo = true;
      console.log(formatSummary(summary));
    }
    ready(services, secret);
  } catch (error) {
    console.error(`\n\x1b[31mnpm start failed: ${(error as Error).message}\x1b[0m`);
    await stop();
    process.exit(1);
  }
}

/** What the system starts with: the migrations' reference data, and the roster via the catalog. */
function referenceNote(registered: number, verified: number): string {
  const producers =
    registered === 0 && verified === 0
      ? 'already registered and verified'
      : `${registered} registered, ${verified} verified through the catalog API`;
  return (
    '  commodities, the three BUMDs and their destinations, the fleet and routes, HET/HAP prices:' +
    ` from the migrations\n  ${PRODUCER_ROSTER.length} Blitar producers: ${producers}`
  );
}

function port(name: ServiceName): number {
  const override = process.env[`${name.toUpperCase()}_PORT`];
  return override ? Number(override) : PORTS[name];
}

function ready(services: RunningService[], secret: string): void {
  say('simpul is up — Ctrl-C stops everything');
  for (const service of services) {
    console.log(
      `  ${service.name.padEnd(10)} ${service.url}/docs   (health: ${service.url}/health/ready)`,
    );
  }
  console.log(`  tokens: AUTH_JWT_SECRET=${secret} npm run -s token -- --role btc-operator`);
}

void main();
