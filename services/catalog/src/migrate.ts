import 'reflect-metadata';
import { runMigrationJob } from '@simpul/platform';
import { CATALOG_MIGRATIONS } from './infrastructure/persistence/migrations';

// One-shot job: DATABASE_URL=… node dist/services/catalog/src/migrate.js (see docs/operations.md).
void runMigrationJob({ name: 'catalog', migrations: CATALOG_MIGRATIONS });
