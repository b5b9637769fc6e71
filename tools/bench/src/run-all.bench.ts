import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@simpul/testing';
import { type BenchOutcome, runBench } from './bench-child';
import { BENCHES, type BenchDefinition } from './bench-list';
import { summaryMarkdown, summaryRows } from './bench-summary';
import { machineDetails } from './machine-details';
import { updateSummary } from './performance-doc';

/*
 * `npm run bench`: every benchmark, one after another, each in its own process with its output
 * prefixed; their results, with the machine's details, go to bench/results/ and a summary table
 * to docs/performance.md. A failing bench is recorded and the run goes on; the exit code says so.
 */

const RESULTS_DIR = 'bench/results';
const PERFORMANCE_DOC = 'docs/performance.md';
const NAMES = BENCHES.map((bench) => bench.name);

interface Options {
  only: string[];
  skip: string[];
  docs: boolean;
}

function namesOf(values: string[] | undefined, option: string): string[] {
  const names = (values ?? []).flatMap((value) => value.split(',')).map((name) => name.trim());
  const unknown = names.filter((name) => !NAMES.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `--${option}: unknown bench ${unknown.join(', ')} (known: ${NAMES.join(', ')})`,
    );
  }
  return names;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      skip: { type: 'string', multiple: true },
      // A partial run leaves the docs alone unless asked: its table would lose the other rows.
      docs: { type: 'boolean', default: false },
    },
  });
  return {
    only: namesOf(values.only, 'only'),
    skip: namesOf(values.skip, 'skip'),
    docs: values.docs ?? false,
  };
}

function selected(options: Options): BenchDefinition[] {
  return BENCHES.filter(
    (bench) =>
      (options.only.length === 0 || options.only.includes(bench.name)) &&
      !options.skip.includes(bench.name),
  );
}

async function runOne(bench: BenchDefinition, root: string, resultDir: string, width: number) {
  if (bench.optional && !existsSync(join(root, bench.script))) {
    const note = `skipped: ${bench.script} is not built (the bench is still being written)`;
    console.log(`\n■ ${bench.name} ${note}`);
    return { name: bench.name, status: 'skipped', note } satisfies BenchOutcome;
  }
  console.log(`\n▶ ${bench.name}: node ${bench.script}`);
  const prefix = `${`[${bench.name}]`.padEnd(width)} `;
  const outcome = await runBench(bench, { root, resultDir, prefix });
  const how =
    outcome.status === 'ok'
      ? 'done'
      : outcome.status === 'failed'
        ? `failed (${outcome.error})`
        : `done, but ${outcome.note}`;
  console.log(`■ ${bench.name} ${how} in ${outcome.seconds} s`);
  return outcome;
}

async function runAll(benches: BenchDefinition[], root: string): Promise<BenchOutcome[]> {
  const resultDir = mkdtempSync(join(tmpdir(), 'simpul-bench-'));
  const width = Math.max(...benches.map((bench) => bench.name.length)) + 2;
  const outcomes: BenchOutcome[] = [];
  try {
    for (const bench of benches) outcomes.push(await runOne(bench, root, resultDir, width));
  } finally {
    rmSync(resultDir, { recursive: true, force: true });
  }
  return outcomes;
}

/** Writes the run to bench/results/<start time>.json and latest.json; returns the first's path. */
function writeResults(root: string, startedAt: Date, run: object): string {
  // Colons would make the name unusable on Windows checkouts.
  const file = `${RESULTS_DIR}/${startedAt.toISOString().replace(/:/g, '-')}.json`;
  const json = `${JSON.stringify(run, null, 2)}\n`;
  mkdirSync(join(root, RESULTS_DIR), { recursive: true });
  writeFileSync(join(root, file), json);
  writeFileSync(join(root, RESULTS_DIR, 'latest.json'), json);
  return file;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const root = repoRoot();
  const startedAt = new Date();
  const benches = selected(options);
  console.log(`npm run bench: ${benches.map((bench) => bench.name).join(', ')}`);
  const outcomes = await runAll(benches, root);
  const finishedAt = new Date();
  const machine = machineDetails(root, outcomes);
  const rows = summaryRows(NAMES, outcomes);
  const command = ['node', ...process.argv.slice(1)].join(' ').replace(`${root}/`, '');
  const selection = { only: options.only, skip: options.skip };
  const run = {
    command,
    selection,
    startedAt,
    finishedAt,
    machine,
    benches: outcomes,
    summary: rows,
  };
  const resultFile = writeResults(root, startedAt, run);
  console.log(`\nresults: ${resultFile} (and ${RESULTS_DIR}/latest.json)`);
  const partial = options.only.length > 0 || options.skip.length > 0;
  if (!partial || options.docs) {
    const context = { startedAt, finishedAt, resultFile, machine, rows };
    await updateSummary(join(root, PERFORMANCE_DOC), summaryMarkdown(context));
    console.log(`summary table: ${PERFORMANCE_DOC}`);
  } else {
    console.log(`${PERFORMANCE_DOC} left as it was: a partial run (pass --docs to update it)`);
  }
  for (const row of rows)
    console.log(`  ${row.bench.padEnd(11)} ${row.verdict.padEnd(8)} ${row.figure}`);
  if (outcomes.some((outcome) => outcome.status === 'failed')) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`npm run bench failed: ${(error as Error).message}`);
  process.exit(1);
});
