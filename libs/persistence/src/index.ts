export * from './database/database-url';
export * from './database/data-source';
export * from './outbox/outbox.orm-entity';
export * from './outbox/outbox-store';
export { onOutboxCommit } from './outbox/outbox-commit-signal';
export * from './inbox/inbox.orm-entity';
export * from './inbox/inbox-store';
export * from './migrations/1764300000000-create-outbox-and-inbox';
export * from './outbox/outbox-record';
