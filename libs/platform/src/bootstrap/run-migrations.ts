import 'reflect-metadata';
import { createDataSource, type DataSourceSettings } from '@simpul/persistence';

export interface MigrationJob {
  /** Short service name, for messages and pg_stat_activity. */
  name: string;
  migrations: NonNullable<DataSourceSettings['migrations']>;
}

/**
 * A service's migrations as a one-shot job (`node dist/services/<name>/src/migrate.js`): the
 * container platform runs it before the new version starts, so services can run with
 * DB_MIGRATIONS_RUN=false and several replicas never race to migrate. Needs only DATABASE_URL.
 * Prints each migration applied; exits 0 when the schema is current, 1 with the reason otherwise.
 */
export async function runMigrationJob(job: MigrationJob): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url || !/^postgres(ql)?:\/\/.+/.test(url)) {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', context: job.name, message: 'DATABASE_URL must be a postgres:// URL' })}\n`,
    );
    process.exit(1);
  }
  try {
    const dataSource = await createDataSource({
      url,
      applicationName: `simpul-${job.name}-migrate`,
      migrations: job.migrations,
      poolSize: 1,
    });
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    const names = applied.map((m) => m.name);
    process.stdout.write(
      `${JSON.stringify({ level: 'log', context: job.name, message: names.length ? `applied ${names.length} migration(s)` : 'schema is current', migrations: names })}\n`,
    );
    process.exit(0);
  } catch (error) {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', context: job.name, message: 'migrations failed', error: (error as Error).message })}\n`,
    );
    process.exit(1);
  }
}
