import 'reflect-metadata';
import {
  DataSource,
  type DataSourceOptions,
  type EntitySchema,
  type MigrationInterface,
} from 'typeorm';
import { InboxOrmEntity } from '../inbox/inbox.orm-entity';
import { CreateOutboxAndInbox1764300000000 } from '../migrations/1764300000000-create-outbox-and-inbox';
import { OutboxOrmEntity } from '../outbox/outbox.orm-entity';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityClass = Function | EntitySchema;
type MigrationClass = new () => MigrationInterface;

/** Tables every service has: the outbox and the inbox. */
export const PERSISTENCE_ENTITIES: EntityClass[] = [OutboxOrmEntity, InboxOrmEntity];
export const PERSISTENCE_MIGRATIONS: MigrationClass[] = [CreateOutboxAndInbox1764300000000];

export interface DataSourceSettings {
  url: string;
  /** Shown in pg_stat_activity, so an operator can tell which service holds a connection. */
  applicationName: string;
  entities?: EntityClass[];
  migrations?: MigrationClass[];
  poolSize?: number;
  runMigrations?: boolean;
  logging?: boolean;
}

/** Options for a service's own database. Schema changes go through migrations, never `synchronize`. */
export function buildDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    applicationName: settings.applicationName,
    entities: [...PERSISTENCE_ENTITIES, ...(settings.entities ?? [])],
    migrations: [...PERSISTENCE_MIGRATIONS, ...(settings.migrations ?? [])],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: settings.runMigrations ?? false,
    synchronize: false,
    poolSize: settings.poolSize ?? 10,
    logging: settings.logging ?? false,
    extra: { connectionTimeoutMillis: 5000 },
  };
}

export async function createDataSource(settings: DataSourceSettings): Promise<DataSource> {
  return new DataSource(buildDataSourceOptions(settings)).initialize();
}
