import 'reflect-metadata';
import { runMigrationJob } from '@simpul/platform';
import { ORDERS_MIGRATIONS } from './infrastructure/persistence/migrations';

// One-shot job: DATABASE_URL=… node dist/services/orders/src/migrate.js (see docs/operations.md).
void runMigrationJob({ name: 'orders', migrations: ORDERS_MIGRATIONS });
