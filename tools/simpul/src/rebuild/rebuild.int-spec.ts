import {
  authHeader,
  repoRoot,
  startTestService,
  testKafkaBrokers,
  type TestService,
} from '@simpul/testing';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
// The suite drives the scenario code `npm start` runs (tools/start, a tool like this one).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runScenario } from '../../../start/src/scenario/run-scenario';
import { cliContext } from '../cli-context';
import { rebuildService, type RebuildResult } from '../commands/rebuild.command';

/** The built CLI, as `npx simpul` runs it: exit code, stdout and stderr. */
function simpul(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot(), 'dist', 'tools', 'simpul', 'src', 'main.js'), ...args],
      { env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('simpul rebuild', () => {
  const services: TestService[] = [];
  let pricing: TestService;
  let prefix: string;

  beforeAll(async () => {
    const catalog = await startTestService('catalog', 'rb_catalog', {
      OFFER_EXPIRY_SWEEP_MS: '1000',
    });
    services.push(catalog);
    prefix = catalog.topicPrefix;
    const others = await Promise.allSettled([
      startTestService('orders', 'rb_orders', {
        KAFKA_TOPIC_PREFIX: prefix,
        MATCHING_CLOCK_TICK_MS: '1000',
      }),
      startTestService('logistics', 'rb_logistics', {
        KAFKA_TOPIC_PREFIX: prefix,
        DISPATCH_PLANNING_INTERVAL_MS: '500',
        DISPATCH_HOLD_BELOW_FILL: '0',
        DELAY_CHECK_INTERVAL_MS: '500',
      }),
      startTestService('pricing', 'rb_pricing', {
        KAFKA_TOPIC_PREFIX: prefix,
        CEILING_CHECK_MS: '1000',
      }),
    ]);
    for (const o of others) if (o.status === 'fulfilled') services.push(o.value);
    const failed = others.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    const [orders, logistics] = services.slice(1, 3);
    pricing = services[3];
    await runScenario(
      {
        urls: {
          catalog: catalog.url,
          orders: orders.url,
          logistics: logistics.url,
          pricing: pricing.url,
        },
        token: (role, tenant) => authHeader(role, tenant).authorization.slice(7),
      },
      { days: 2, seed: 2025, rate: 1, stallMs: 3_000 },
    );
  }, 300_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
  });

  const context = () => cliContext({ brokers: testKafkaBrokers(), prefix });

  it('reports no difference after a scenario run', async () => {
    const result = await rebuildService(context(), 'pricing', {
      liveDb: pricing.database.url,
      silent: true,
    });
    // What was compared is not empty: the scenario produced prices, statistics and alerts.
    const rows = Object.fromEntries(result.tables.map((t) => [t.table, t.liveRows]));
    expect(rows['observations']).toBeGreaterThan(10);
    expect(rows['series_statistics']).toBeGreaterThan(3);
    expect(rows['alerts']).toBeGreaterThan(0);
    expect(result.events).toBeGreaterThan(0);
    expect(
      result.tables.filter(
        (t) => t.counts.onlyLive + t.counts.onlyRebuilt + t.counts.differing > 0,
      ),
    ).toEqual([]);
    expect(result.different).toBe(false);
    // The scratch database is gone.
    const server = new Client({ connectionString: pricing.database.url });
    await server.connect();
    try {
      const found = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        result.scratchDatabase,
      ]);
      expect(found.rowCount).toBe(0);
    } finally {
      await server.end();
    }
  }, 180_000);

  it('reports a tampered projection row, with its table, key and column (exit code 3)', async () => {
    const live = new Client({ connectionString: pricing.database.url });
    await live.connect();
    let tampered: { commodity_code: string; level: string; region: string; max_idr: string };
    try {
      const { rows } = await live.query<typeof tampered>(
        `UPDATE daily_aggregates SET max_idr = max_idr + 1
         WHERE ctid = (SELECT ctid FROM daily_aggregates ORDER BY commodity_code, level, region, day LIMIT 1)
         RETURNING commodity_code, level, region, max_idr::text`,
      );
      tampered = rows[0];
    } finally {
      await live.end();
    }
    const { code, stdout, stderr } = await simpul([
      '--brokers',
      testKafkaBrokers(),
      '--prefix',
      prefix,
      'rebuild',
      'pricing',
      '--live-db',
      pricing.database.url,
      '--tables',
      'daily_aggregates,series_statistics',
      '--json',
    ]);
    expect({ code, stderr: code === 3 ? '' : stderr }).toEqual({ code: 3, stderr: '' });
    const result = JSON.parse(stdout) as RebuildResult;
    expect(result.different).toBe(true);
    expect(result.tables.map((t) => t.table)).toEqual(['daily_aggregates', 'series_statistics']);
    const [aggregates, statistics] = result.tables;
    expect(aggregates.counts).toEqual({ onlyLive: 0, onlyRebuilt: 0, differing: 1 });
    expect(aggregates.differing[0]).toMatchObject({
      key: {
        commodity_code: tampered.commodity_code,
        level: tampered.level,
        region: tampered.region,
      },
      columns: [
        {
          column: 'max_idr',
          live: tampered.max_idr,
          rebuilt: String(Number(tampered.max_idr) - 1),
        },
      ],
    });
    expect(statistics.counts).toEqual({ onlyLive: 0, onlyRebuilt: 0, differing: 0 });
  }, 180_000);

  it('refuses an unknown service in one line with exit code 2', async () => {
    const unknown = await simpul(['rebuild', 'warehouse']);
    expect(unknown).toEqual({
      code: 2,
      stdout: '',
      stderr: 'simpul: unknown service "warehouse"; rebuildable: pricing\n',
    });
    const catalog = await simpul(['rebuild', 'catalog']);
    expect(catalog.code).toBe(2);
    expect(catalog.stderr).toMatch(/^simpul: cannot rebuild catalog: [^\n]+\n$/);
  });
});
