import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const frameworkImports = ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'express'];
const scopes = ['catalog', 'orders', 'logistics', 'pricing'];
const testingOnlyInTests = {
  name: '@simpul/testing',
  message: 'Only tests may import @simpul/testing.',
};

export default [
  { ignores: ['**/dist', '**/node_modules', '.local', '.nx', 'coverage', 'infra/kafka/**/*.js'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // A service never imports another service: only itself and shared libraries.
            ...scopes.map((scope) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
            })),
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
            // Contracts are plain TypeScript and class-validator: no framework, ORM or client.
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: frameworkImports,
            },
            // Infrastructure libraries' own integration specs use the test harness; production files
            // may not (see the no-restricted-imports block below).
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:testing'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:testing'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:testing'],
            },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:testing'],
            },
          ],
        },
      ],
    },
  },
  {
    // Test helpers never leak into production code.
    files: ['services/*/src/**/*.ts', 'libs/!(testing)/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [testingOnlyInTests] }],
    },
  },
  // Comes after the block above: a later block's options replace an earlier one's for the same rule.
  {
    // The domain layer is pure TypeScript: no framework, ORM, Kafka client or I/O.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [testingOnlyInTests],
          patterns: [
            {
              group: [...frameworkImports, 'node:*', 'fs', 'http', 'net'],
              message: 'The domain layer must stay free of frameworks and I/O.',
            },
            {
              group: ['**/infrastructure/**', '**/interface/**', '**/application/**'],
              message: 'The domain layer depends on nothing outside itself.',
            },
          ],
        },
      ],
    },
  },
];
