import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

/** The repository root: the nearest folder, from `start` upwards, that holds nx.json. */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dir === parse(dir).root) throw new Error(`no nx.json in ${start} or any folder above it`);
  }
}
