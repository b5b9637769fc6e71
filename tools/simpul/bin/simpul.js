#!/usr/bin/env node
// `npx simpul …`: runs the built CLI (dist/tools/simpul/src/main.js). On a fresh clone nothing is
// built yet, so the first run builds the workspace once (`npm run build`), telling the user why.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..', '..', '..');
const entry = join(root, 'dist', 'tools', 'simpul', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('simpul: not built yet — running `npm run build` once (about a minute)…\n');
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0 || !existsSync(entry)) {
    process.stderr.write('simpul: the build failed; run `npm run build` to see why\n');
    process.exit(1);
  }
}
require(entry)
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
