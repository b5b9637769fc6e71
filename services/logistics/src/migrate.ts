import 'reflect-metadata';
import { runMigrationJob } from '@simpul/platform';
import { LOGISTICS_MIGRATIONS } from './infrastructure/persistence/migrations';

// One-shot job: DATABASE_URL=… node dist/services/logistics/src/migrate.js (see docs/operations.md).
void runMigrationJob({ name: 'logistics', migrations: LOGISTICS_MIGRATIONS });
