// The root Dockerfile cannot be built here (no Docker engine): these checks read it, and follow
// the imports of what the image runs to show that the files and packages it copies are enough.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';
import { SERVICES } from './config-classes';
import { parseDockerfile, substitute, type Stage } from './dockerfile';
import { findRepoRoot } from './repo-root';

const root = findRepoRoot(__dirname);
const dockerfile = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const stage = (name: string): Stage => {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};
const args = (s: Stage, keyword: string) =>
  s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const runtime = dockerfile.stages[dockerfile.stages.length - 1];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: { node: string };
};

/** ENV of a stage as a map (`ENV A=1 B=2` form). */
function envOf(s: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of args(s, 'ENV'))
    for (const m of line.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g))
      env[m[1]] = m[2].replace(/^"|"$/g, '');
  return env;
}

/** The path serviceEntry() (libs/testing) starts a built service from, relative to the repository. */
function testEntry(service: string): string {
  const source = readFileSync(join(root, 'libs', 'testing', 'src', 'service-process.ts'), 'utf8');
  const m = /export function serviceEntry[\s\S]*?join\(repoRoot\(\),\s*([^)]*)\)/.exec(source);
  if (!m) throw new Error('serviceEntry no longer joins repoRoot() with the entry path');
  const parts = m[1].split(',').map((part) => part.trim());
  return parts.map((part) => (part === 'service' ? service : part.replace(/^'|'$/g, ''))).join('/');
}

describe('Dockerfile', () => {
  it('has the deps, build, prod-deps and runtime stages, runtime last', () => {
    expect(dockerfile.stages.map((s) => s.name)).toEqual([
      'base',
      'deps',
      'build',
      'prod-deps',
      'runtime',
    ]);
    expect(dockerfile.directives['syntax']).toMatch(/^docker\/dockerfile:1/);
  });

  it('starts from a pinned Node.js slim image that satisfies the engines field', () => {
    const version = dockerfile.globalArgs['NODE_VERSION'] ?? '';
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(substitute(stage('base').from, dockerfile.globalArgs)).toBe(
      `node:${version}-bookworm-slim`,
    );
    const [major, minor] = version.split('.').map(Number);
    const [needMajor, needMinor] = pkg.engines.node.replace('>=', '').split('.').map(Number);
    expect(major > needMajor || (major === needMajor && minor >= needMinor)).toBe(true);
    for (const s of dockerfile.stages.slice(1))
      expect(dockerfile.stages.map((x) => x.name)).toContain(s.from);
  });

  it('installs with the lockfile: everything to build, production dependencies only for the runtime', () => {
    expect(args(stage('deps'), 'COPY')).toContain('package.json package-lock.json ./');
    expect(args(stage('deps'), 'COPY')).toContain(
      'tools/simpul/package.json tools/simpul/package.json',
    );
    expect(args(stage('deps'), 'RUN').join(' ')).toMatch(/npm ci\b/);
    expect(args(stage('build'), 'RUN').join(' ')).toContain('npm run build:services');
    expect(args(stage('prod-deps'), 'RUN').join(' ')).toMatch(/npm ci --omit=dev\b/);
    const copies = args(runtime, 'COPY');
    expect(copies).toContain('--from=prod-deps /app/node_modules ./node_modules');
    expect(copies.some((c) => c.includes('--from=deps'))).toBe(false);
    expect(copies.some((c) => /^\.\s/.test(c) || c.startsWith('. '))).toBe(false);
  });

  it('copies into the runtime only the shared libraries and the chosen service', () => {
    const copies = args(runtime, 'COPY').filter((c) => c.startsWith('--from=build'));
    expect(copies.sort()).toEqual(
      [
        '--from=build /app/dist/libs ./dist/libs',
        '--from=build /app/dist/services/${SERVICE} ./dist/services/${SERVICE}',
      ].sort(),
    );
    expect(args(stage('build'), 'RUN').join(' ')).toContain('rm -rf dist/libs/testing');
  });

  it('validates SERVICE against the services that exist', () => {
    const check = args(runtime, 'RUN').find((r) => r.includes('case "${SERVICE}"')) ?? '';
    const listed = /in (\S+)\)/.exec(check)?.[1].split('|') ?? [];
    const existing = readdirSync(join(root, 'services')).filter((d) =>
      existsSync(join(root, 'services', d, 'src', 'main.ts')),
    );
    expect(listed.sort()).toEqual(existing.sort());
    expect(listed.sort()).toEqual([...SERVICES].sort());
    expect(check).toContain('exit 1');
    // The check comes before anything is copied into the runtime.
    expect(runtime.instructions.findIndex((i) => i.args === check)).toBeLessThan(
      runtime.instructions.findIndex((i) => i.keyword === 'COPY'),
    );
  });

  it('runs as the non-root node user, with the production environment on port 8080', () => {
    const users = args(runtime, 'USER');
    expect(users).toEqual(['node']);
    expect(envOf(runtime)).toMatchObject({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      SIMPUL_SERVICE: '${SERVICE}',
    });
    expect(args(runtime, 'EXPOSE')).toEqual(['8080']);
  });

  it('has a HEALTHCHECK on /health/ready with Node fetch (no curl in slim images)', () => {
    const [healthcheck] = args(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD \[/);
    const command = JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD ') + 4)) as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain(
      "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health/ready'",
    );
  });

  it.each(SERVICES)(
    'starts %s with the command the tests use, exec-ed so that node is PID 1',
    (service) => {
      const [cmd] = args(runtime, 'CMD');
      const command = JSON.parse(cmd) as string[];
      expect(command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
      const shell = command[2].replace('${SIMPUL_SERVICE}', service);
      expect(shell).toBe(`exec node ${testEntry(service)}`);
      expect(args(runtime, 'ENTRYPOINT')).toEqual([]);
    },
  );

  it('keeps local output, secrets and the git history out of the build context, but not the sources', () => {
    const patterns = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const ignored = (path: string) =>
      patterns.some((p) => {
        const re = new RegExp(
          `^${p
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*\*\//g, '\u0001')
            .replace(/\*/g, '[^/]*')
            .split('\u0001')
            .join('(.*/)?')}(/.*)?$`,
        );
        return re.test(path);
      });
    for (const path of [
      'node_modules',
      'tools/simpul/node_modules',
      'dist',
      '.git',
      '.local',
      '.env',
      'coverage',
      'bench/results',
      'npm-debug.log',
    ])
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: true });
    for (const path of [
      'package.json',
      'package-lock.json',
      'tsconfig.base.json',
      'tsconfig.build.json',
      'tools/simpul/package.json',
      'libs/platform/src/index.ts',
      'services/orders/src/main.ts',
      'tools/simpul/src/main.ts',
    ])
      expect({ path, ignored: ignored(path) }).toEqual({ path, ignored: false });
  });
});

describe('what the image runs', () => {
  const builtins = new Set(builtinModules);
  const packageOf = (specifier: string) =>
    specifier
      .split('/')
      .slice(0, specifier.startsWith('@') ? 2 : 1)
      .join('/');

  /** Source files reached from `entry` by value imports, and the packages they import. */
  function closure(entry: string): { files: Set<string>; packages: Set<string> } {
    const files = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
      for (const node of source.statements) {
        let specifier: string | undefined;
        if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly)
          specifier = (node.moduleSpecifier as ts.StringLiteral).text;
        if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier)
          specifier = (node.moduleSpecifier as ts.StringLiteral).text;
        if (!specifier) continue;
        if (specifier.startsWith('.')) {
          const base = join(dirname(file), specifier);
          const resolved = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
          if (!resolved) throw new Error(`${file}: cannot resolve ${specifier}`);
          visit(resolved);
        } else if (specifier.startsWith('@simpul/'))
          visit(join(root, 'libs', specifier.slice(8), 'src', 'index.ts'));
        else if (!builtins.has(specifier.replace(/^node:/, ''))) packages.add(packageOf(specifier));
      }
    };
    visit(entry);
    return { files, packages };
  }

  it.each(SERVICES)(
    '%s: main.js, migrate.js and provision.cli.js need only what the image copies',
    (service) => {
      for (const entry of [
        join(root, 'services', service, 'src', 'main.ts'),
        join(root, 'services', service, 'src', 'migrate.ts'),
        join(root, 'libs', 'messaging', 'src', 'topics', 'provision.cli.ts'),
      ]) {
        const { files, packages } = closure(entry);
        if (entry.endsWith('main.ts'))
          expect([...packages]).toEqual(expect.arrayContaining(['@nestjs/core', 'kafkajs']));
        for (const file of files) {
          const path = relative(root, file);
          const copied =
            path.startsWith(`services/${service}/`) ||
            (path.startsWith('libs/') && !path.startsWith('libs/testing/'));
          expect({ path, copied }).toEqual({ path, copied: true });
        }
        for (const name of packages)
          expect({ name, production: name in pkg.dependencies }).toEqual({
            name,
            production: true,
          });
      }
    },
  );
});
