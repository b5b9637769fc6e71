// One jest run, two projects: unit specs need nothing; integration specs get a real Kafka broker
// and a real PostgreSQL from the global setup in libs/testing.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // NestJS 12 and uuid ship as ES modules: jest's module system needs them as CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|uuid|file-type|strtok3|token-types|peek-readable|@tokenizer|uint8array-extras|hyparquet|hyparquet-writer)/)',
  ],
  moduleNameMapper: { '^@simpul/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local/'],
};

module.exports = {
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/libs/testing/src/jest/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,tools,tests}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,tools,tests}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/setup-integration.ts'],
    },
  ],
};
