export * from './expect-eventually';
export * from './isolation';
export * from './topic-reader';
export * from './service-process';
export * from './infra/repo-root';
export * from './infra/provide-kafka';
export * from './infra/provide-postgres';
export * from './fixtures/offer-fixtures';
