// Writes docs/asyncapi.yaml and the event catalog in docs/bumd-developers.md from the contracts; `--check` only compares. Run it with `npm run asyncapi`.
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { ASYNCAPI_FILE, renderAsyncApiYaml } from './build-asyncapi';
import { BUMD_CATALOG_FILE, withBumdEventCatalog } from './bumd-event-catalog';

/** The repository root: the nearest folder, from `start` upwards, that holds nx.json. */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dir === parse(dir).root) throw new Error(`no nx.json in ${start} or any folder above it`);
  }
}

export function main(args: readonly string[]): number {
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(' ')}\nusage: generate-asyncapi [--check]`);
    return 2;
  }
  const root = findRepoRoot();
  const bumdFile = join(root, BUMD_CATALOG_FILE);
  const outputs: [name: string, path: string, expected: string][] = [
    [ASYNCAPI_FILE, join(root, ASYNCAPI_FILE), renderAsyncApiYaml()],
    [BUMD_CATALOG_FILE, bumdFile, withBumdEventCatalog(readFileSync(bumdFile, 'utf8'))],
  ];
  if (args.includes('--check')) {
    let stale = 0;
    for (const [name, path, expected] of outputs) {
      const actual = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (actual !== expected) {
        stale++;
        console.error(
          `${name} is ${actual === undefined ? 'missing' : 'out of date'}: run \`npm run asyncapi\` and commit the result`,
        );
      } else console.log(`${name} is up to date`);
    }
    return stale ? 1 : 0;
  }
  for (const [name, path, expected] of outputs) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, expected);
    console.log(`wrote ${name}`);
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
