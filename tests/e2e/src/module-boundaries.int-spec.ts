import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@simpul/testing';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints `source` as if it were the file at `path`, with the workspace's real ESLint config. */
function lint(path: string, source: string): LintMessage[] {
  const root = repoRoot();
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/eslint/bin/eslint.js'),
      '--stdin',
      '--stdin-filename',
      path,
      '--format',
      'json',
    ],
    {
      cwd: root,
      input: source,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    },
  );
  if (!result.stdout) throw new Error(`eslint failed: ${result.stderr}`);
  return JSON.parse(result.stdout)[0].messages;
}

describe('module boundaries are enforced by lint', () => {
  it('refuses a framework import in a service domain folder', () => {
    const messages = lint(
      'services/orders/src/domain/matching/probe.ts',
      "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
    );
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: 'no-restricted-imports',
        message: expect.stringContaining('The domain layer must stay free of frameworks and I/O.'),
      }),
    );
  });

  it('refuses an import of another service', () => {
    const messages = lint(
      'services/orders/src/application/probe.ts',
      "import { CatalogModule } from '../../../catalog/src/app.module';\nexport const probe = CatalogModule;\n",
    );
    expect(messages.map((m) => m.ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it('refuses Kafka, TypeORM or Nest in the contracts library', () => {
    const messages = lint(
      'libs/contracts/src/probe.ts',
      "import { Kafka } from 'kafkajs';\nexport const probe = Kafka;\n",
    );
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: '@nx/enforce-module-boundaries',
        message: expect.stringContaining('kafkajs'),
      }),
    );
  });

  it('accepts the same imports where they belong', () => {
    expect(
      lint(
        'services/orders/src/application/probe.ts',
        "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
      ),
    ).toEqual([]);
  });
});
