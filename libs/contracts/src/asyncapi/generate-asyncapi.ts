// Writes docs/asyncapi.yaml from the contracts; `--check` only compares. Run it with `npm run asyncapi`.
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { ASYNCAPI_FILE, renderAsyncApiYaml } from './build-asyncapi';

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
  const file = join(findRepoRoot(), ASYNCAPI_FILE);
  const expected = renderAsyncApiYaml();
  if (args.includes('--check')) {
    const actual = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (actual !== expected) {
      console.error(
        `${ASYNCAPI_FILE} is ${actual === undefined ? 'missing' : 'out of date'}: run \`npm run asyncapi\` and commit the result`,
      );
      return 1;
    }
    console.log(`${ASYNCAPI_FILE} is up to date`);
    return 0;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, expected);
  console.log(`wrote ${ASYNCAPI_FILE}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
