import { Client } from 'pg';
import type { ProjectionTable } from './service-specs';

export interface RowDifference {
  key: Record<string, string | null>;
  columns: { column: string; live: string | null; rebuilt: string | null }[];
}

export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  onlyLive: Record<string, string | null>[];
  onlyRebuilt: Record<string, string | null>[];
  differing: RowDifference[];
  /** Counts (the lists above hold at most `sample` entries each). */
  counts: { onlyLive: number; onlyRebuilt: number; differing: number };
}

type Row = Record<string, string | null>;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every compared column as text, in a UTC session: timestamps, numerics and jsonb (whose text
 * form has its keys in a canonical order) compare as the database writes them.
 */
async function readTable(client: Client, spec: ProjectionTable): Promise<Map<string, Row>> {
  const columns = [...spec.key, ...spec.columns];
  const select = columns.map((c) => `${ident(c)}::text AS ${ident(c)}`).join(', ');
  const order = spec.key.map(ident).join(', ');
  const result = await client.query<Row>(
    `SELECT ${select} FROM ${ident(spec.table)} ORDER BY ${order}`,
  );
  const rows = new Map<string, Row>();
  for (const row of result.rows) rows.set(JSON.stringify(spec.key.map((k) => row[k])), row);
  return rows;
}

export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'simpul-cli rebuild' });
  await client.connect();
  await client.query("SET TIME ZONE 'UTC'");
  return client;
}

/** Compares one table row by row, by key; lists at most `sample` rows of each kind. */
export async function compareTable(
  live: Client,
  rebuilt: Client,
  spec: ProjectionTable,
  sample = 5,
): Promise<TableComparison> {
  const [liveRows, rebuiltRows] = [await readTable(live, spec), await readTable(rebuilt, spec)];
  const keyOf = (row: Row) => Object.fromEntries(spec.key.map((k) => [k, row[k]]));
  const comparison: TableComparison = {
    table: spec.table,
    liveRows: liveRows.size,
    rebuiltRows: rebuiltRows.size,
    onlyLive: [],
    onlyRebuilt: [],
    differing: [],
    counts: { onlyLive: 0, onlyRebuilt: 0, differing: 0 },
  };
  for (const [key, row] of liveRows) {
    const other = rebuiltRows.get(key);
    if (!other) {
      comparison.counts.onlyLive += 1;
      if (comparison.onlyLive.length < sample) comparison.onlyLive.push(keyOf(row));
      continue;
    }
    const columns = spec.columns
      .filter((c) => row[c] !== other[c])
      .map((column) => ({ column, live: row[column], rebuilt: other[column] }));
    if (columns.length > 0) {
      comparison.counts.differing += 1;
      if (comparison.differing.length < sample)
        comparison.differing.push({ key: keyOf(row), columns });
    }
  }
  for (const [key, row] of rebuiltRows) {
    if (liveRows.has(key)) continue;
    comparison.counts.onlyRebuilt += 1;
    if (comparison.onlyRebuilt.length < sample) comparison.onlyRebuilt.push(keyOf(row));
  }
  return comparison;
}

export const hasDifference = (c: TableComparison) =>
  c.counts.onlyLive + c.counts.onlyRebuilt + c.counts.differing > 0;

const keyText = (key: Record<string, string | null>) =>
  Object.entries(key)
    .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
    .join(' ');

const clip = (value: string | null, max = 160) =>
  value === null ? 'NULL' : value.length > max ? `${value.slice(0, max)}…` : value;

/** The human report: one line per equal table, the first differences of each differing one. */
export function formatComparisons(service: string, comparisons: readonly TableComparison[]) {
  const lines: string[] = [];
  for (const c of comparisons) {
    if (!hasDifference(c)) {
      lines.push(`${c.table}: ${c.liveRows.toLocaleString('en-US')} rows, equal`);
      continue;
    }
    lines.push(
      `${c.table}: ${c.liveRows.toLocaleString('en-US')} live, ${c.rebuiltRows.toLocaleString('en-US')} rebuilt — ${c.counts.onlyLive} only live, ${c.counts.onlyRebuilt} only rebuilt, ${c.counts.differing} differ`,
    );
    for (const key of c.onlyLive) lines.push(`  only live:    ${keyText(key)}`);
    for (const key of c.onlyRebuilt) lines.push(`  only rebuilt: ${keyText(key)}`);
    for (const d of c.differing) {
      lines.push(`  differs:      ${keyText(d.key)}`);
      for (const col of d.columns)
        lines.push(`    ${col.column}: live ${clip(col.live)} | rebuilt ${clip(col.rebuilt)}`);
    }
    const shown = c.onlyLive.length + c.onlyRebuilt.length + c.differing.length;
    const all = c.counts.onlyLive + c.counts.onlyRebuilt + c.counts.differing;
    if (all > shown) lines.push(`  … and ${all - shown} more`);
  }
  const different = comparisons.filter(hasDifference).length;
  lines.push(
    different === 0
      ? `${service}: no difference`
      : `${service}: ${different} of ${comparisons.length} tables differ`,
  );
  return lines.join('\n');
}
