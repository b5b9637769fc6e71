// Prints the size of the console's production build (raw and gzip), after `vite build`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = fileURLToPath(new URL('../../../dist/apps/console', import.meta.url));
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
};
walk(dir);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
let raw = 0;
let gzip = 0;
for (const file of files.sort()) {
  const bytes = readFileSync(file);
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  console.log(
    `  ${relative(dir, file).padEnd(36)} ${kb(bytes.length).padStart(10)}  gzip ${kb(zipped).padStart(9)}`,
  );
}
console.log(
  `console bundle: ${files.length} files, ${kb(raw)} (gzip ${kb(gzip)}) in dist/apps/console`,
);
