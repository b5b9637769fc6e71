import { Client } from 'pg';

export type Fingerprint = Record<string, string>;

/**
 * Row count and a content hash of every table of a service's database, in one query. Nothing is
 * excluded: in the HTTP fuzz suite each service runs alone on its own topics, so no event arrives
 * from elsewhere and, idle, no table changes by itself (the expiry sweep, dispatch planning and
 * webhook delivery act only on rows that requests created). The inbox and outbox are included on
 * purpose: a refused request must not leave an event behind either.
 */
export class DbFingerprint {
  private query?: string;

  private constructor(private readonly client: Client) {}

  static async connect(url: string): Promise<DbFingerprint> {
    const client = new Client({ connectionString: url, application_name: 'fuzz-fingerprint' });
    await client.connect();
    return new DbFingerprint(client);
  }

  async take(): Promise<Fingerprint> {
    if (!this.query) {
      const { rows } = await this.client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      this.query = rows
        .map(
          ({ name }) =>
            `SELECT '${name}' AS name, count(*)::text || ' ' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '-') AS print FROM "${name}" t`,
        )
        .join(' UNION ALL ');
    }
    const { rows } = await this.client.query<{ name: string; print: string }>(this.query);
    return Object.fromEntries(rows.map((row) => [row.name, row.print]));
  }

  /** Waits until the database stops changing (what a request set off has run), then returns it. */
  async settled(quietMs = 1000, timeoutMs = 20_000): Promise<Fingerprint> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.take();
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await this.take();
      if (JSON.stringify(now) !== JSON.stringify(last)) {
        last = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) return now;
    }
    return last;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** The tables whose fingerprint differs, for a failure message. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]);
}
