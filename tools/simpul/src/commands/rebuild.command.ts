import {
  databaseNameOf,
  dropDatabase,
  ensureDatabase,
  withDatabaseName,
} from '@simpul/persistence';
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import type { CliContext } from '../cli-context';
import { EXIT, ExitWith, UsageError } from '../cli-error';
import { assignedTopics, captureEnds, groupProgress, progressReporter } from '../rebuild/catch-up';
import {
  compareTable,
  connect,
  formatComparisons,
  hasDifference,
  type TableComparison,
} from '../rebuild/compare';
import { freePort, spawnReplica, waitReady } from '../rebuild/replica';
import {
  consumedTopics,
  NOT_REBUILDABLE,
  REBUILD_SPECS,
  type RebuildSpec,
} from '../rebuild/service-specs';

export interface RebuildOptions {
  /** The live service's DATABASE_URL. */
  liveDb?: string;
  /** Keep the scratch database and the replica's consumer group afterwards. */
  keep?: boolean;
  /** Only these projection tables. */
  tables?: readonly string[];
  /** Give up when the replica has not caught up after this long. */
  timeoutMs?: number;
  /** For tests: no progress output. */
  silent?: boolean;
}

export interface RebuildResult {
  service: string;
  liveDatabase: string;
  scratchDatabase: string;
  kept: boolean;
  groupId: string;
  /** Captured end offsets per physical topic and partition: what the replica read up to. */
  endOffsets: Record<string, Record<number, string>>;
  events: number;
  seconds: number;
  different: boolean;
  tables: TableComparison[];
}

/** The live database: `--live-db`, else `<SERVICE>_DATABASE_URL`, else `npm start`'s naming. */
export function liveDatabaseUrl(service: string, explicit?: string): string {
  const url =
    explicit ??
    process.env[`${service.toUpperCase()}_DATABASE_URL`] ??
    withDatabaseName(
      process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      `simpul_${service}`,
    );
  if (!/^postgres(ql)?:\/\/.+/.test(url))
    throw new UsageError(`--live-db takes a postgres:// URL, got "${url}"`);
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--live-db takes a postgres:// URL, got "${url}"`);
  }
  return url;
}

export function rebuildSpec(service: string): RebuildSpec {
  const spec = REBUILD_SPECS[service];
  if (spec) return spec;
  const reason = NOT_REBUILDABLE[service];
  if (reason) throw new UsageError(`cannot rebuild ${reason}; rebuildable: pricing`);
  throw new UsageError(
    `unknown service "${service}"; rebuildable: ${Object.keys(REBUILD_SPECS).join(', ')}`,
  );
}

function scratchName(liveName: string): string {
  const base = liveName
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .replace(/^[^a-z_]/, '_');
  return `${base.slice(0, 48)}_rebuild_${randomBytes(3).toString('hex')}`;
}

/**
 * Rebuilds a service's read models: its own code on a scratch database and a fresh consumer
 * group reads every topic it consumes up to the end offsets captured at the start, then its
 * projection tables are compared with the live ones.
 */
export async function rebuildService(
  context: CliContext,
  service: string,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const spec = rebuildSpec(service);
  const tables = options.tables
    ? options.tables.map((name) => {
        const table = spec.tables.find((t) => t.table === name);
        if (!table)
          throw new UsageError(
            `--tables: ${service} has no projection "${name}"; compared: ${spec.tables.map((t) => t.table).join(', ')}`,
          );
        return table;
      })
    : spec.tables;
  const liveUrl = liveDatabaseUrl(service, options.liveDb);
  const note = options.silent ? () => undefined : context.note;
  const started = Date.now();

  // The live database first: a wrong URL fails before anything is created.
  const live = await connect(liveUrl).catch((error: Error) => {
    throw new Error(`live database ${databaseNameOf(liveUrl)}: ${error.message}`);
  });
  const scratchUrl = withDatabaseName(liveUrl, scratchName(databaseNameOf(liveUrl)));
  const groupId = `simpul-cli.rebuild.${service}.${randomBytes(4).toString('hex')}`;
  const physicalGroup = context.namer.physical(groupId);
  const admin = context.kafka.admin();
  let replica: ReturnType<typeof spawnReplica> | undefined;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  let rebuilt: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    const missing = await live.query<{ table_name: string }>(
      `SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL`,
      [tables.map((t) => t.table)],
    );
    if (missing.rowCount)
      throw new Error(
        `live database ${databaseNameOf(liveUrl)} has no ${Object.values(missing.rows[0])[0]} table: is it the ${service} database? (--live-db)`,
      );
    await admin.connect();
    const topics = consumedTopics(spec).map((t) => context.namer.physical(t));
    const ends = await captureEnds(admin, topics);
    const endOffsets: RebuildResult['endOffsets'] = {};
    for (const end of ends) (endOffsets[end.topic] ??= {})[end.partition] = end.high.toString();

    await ensureDatabase(scratchUrl);
    note(
      `rebuilding ${service} into ${databaseNameOf(scratchUrl)} as group ${physicalGroup}, from ${topics.map((t) => context.namer.logical(t)).join(', ')}`,
    );
    const port = await freePort();
    replica = spawnReplica(service, {
      ...spec.env,
      PORT: String(port),
      DATABASE_URL: scratchUrl,
      DB_POOL_SIZE: '4',
      KAFKA_BROKERS: context.options.brokers,
      KAFKA_TOPIC_PREFIX: context.namer.prefix,
      KAFKA_GROUP_ID: groupId,
      KAFKA_CLIENT_ID: `simpul-cli-rebuild-${service}`,
      // The replica publishes nothing: its outbox fills its scratch database and is never relayed.
      OUTBOX_RELAY_ENABLED: 'false',
      KAFKA_PROVISION_TOPICS: 'false',
    });
    await waitReady(replica, service);

    const progress = await groupProgress(admin, physicalGroup, ends);
    const bar = options.silent
      ? { update: () => undefined, stop: () => undefined }
      : progressReporter(`${service} replica`, progress.total);
    const deadline = Date.now() + (options.timeoutMs ?? 60 * 60_000);
    let exitCode: number | string | undefined;
    void replica.exited.then((code) => (exitCode = code));
    try {
      for (;;) {
        const now = await groupProgress(admin, physicalGroup, ends);
        bar.update(now.done);
        if (now.complete) break;
        if (interrupted) throw new Error('interrupted');
        if (exitCode !== undefined)
          throw new Error(`the ${service} replica exited (${exitCode}) while reading`);
        if (Date.now() > deadline)
          throw new Error(
            `the ${service} replica had read ${now.done} of ${now.total} events after ${Math.round((options.timeoutMs ?? 3_600_000) / 1000)} s; giving up (--timeout)`,
          );
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      bar.stop();
    }
    // Reality check of the declared topics: what the service's consumers are really assigned.
    const assigned = await assignedTopics(admin, physicalGroup);
    const undeclared = (assigned ?? []).filter((t) => !topics.includes(t));
    if (undeclared.length > 0)
      throw new Error(
        `the ${service} replica also consumes ${undeclared.join(', ')}, which the rebuild does not wait for: update tools/simpul/src/rebuild/service-specs.ts`,
      );
    const code = await replica.stop();
    replica = undefined;
    if (code !== 0) note(`the ${service} replica stopped with ${code}`);

    rebuilt = await connect(scratchUrl);
    const comparisons: TableComparison[] = [];
    for (const table of tables) comparisons.push(await compareTable(live, rebuilt, table));
    return {
      service,
      liveDatabase: databaseNameOf(liveUrl),
      scratchDatabase: databaseNameOf(scratchUrl),
      kept: options.keep === true,
      groupId: physicalGroup,
      endOffsets,
      events: (await groupProgress(admin, physicalGroup, ends)).total,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      different: comparisons.some(hasDifference),
      tables: comparisons,
    };
  } finally {
    process.removeListener('SIGINT', onSignal);
    await replica?.stop().catch(() => undefined);
    await rebuilt?.end().catch(() => undefined);
    await live.end().catch(() => undefined);
    if (!options.keep) {
      await dropDatabase(scratchUrl).catch((error: Error) =>
        note(`could not drop ${databaseNameOf(scratchUrl)}: ${error.message}`),
      );
      // The replica's groups: its own and any it derives (orders: `<group>.bumd-feed`).
      const groups = (await admin.listGroups().catch(() => ({ groups: [] }))).groups
        .map((g) => g.groupId)
        .filter((g) => g === physicalGroup || g.startsWith(`${physicalGroup}.`));
      if (groups.length > 0)
        await admin
          .deleteGroups(groups)
          .catch((error: Error) => note(`could not delete ${groups.join(', ')}: ${error.message}`));
    } else {
      note(`kept ${databaseNameOf(scratchUrl)} and group ${physicalGroup}`);
    }
    await admin.disconnect().catch(() => undefined);
  }
}

export function registerRebuildCommand(program: Command, context: () => CliContext): void {
  program
    .command('rebuild')
    .description(
      "recompute a service's read models from the topics into a scratch database and print where they differ from the live ones (exit 0 equal, 3 different)",
    )
    .argument('<service>', `the service: ${Object.keys(REBUILD_SPECS).join(', ')}`)
    .option(
      '--live-db <url>',
      "the live service's DATABASE_URL (default <SERVICE>_DATABASE_URL, else DATABASE_URL's server with database simpul_<service>)",
    )
    .option('--tables <list>', 'compare only these projection tables (comma-separated)')
    .option('--keep', 'keep the scratch database and the consumer group afterwards')
    .option('--timeout <minutes>', 'give up when the replica has not caught up by then', '60')
    .option('--json', 'print JSON instead of the report')
    .action(
      async (
        service: string,
        options: {
          liveDb?: string;
          tables?: string;
          keep?: boolean;
          timeout: string;
          json?: boolean;
        },
      ) => {
        rebuildSpec(service);
        const minutes = Number(options.timeout);
        if (!Number.isFinite(minutes) || minutes <= 0)
          throw new UsageError(`--timeout takes minutes, got "${options.timeout}"`);
        const result = await rebuildService(context(), service, {
          liveDb: options.liveDb,
          keep: options.keep,
          tables: options.tables
            ?.split(',')
            .map((t) => t.trim())
            .filter(Boolean),
          timeoutMs: minutes * 60_000,
        });
        process.stdout.write(
          `${options.json ? JSON.stringify(result, null, 2) : formatComparisons(service, result.tables)}\n`,
        );
        if (result.different) throw new ExitWith(EXIT.different);
      },
    );
}
