import 'reflect-metadata';
import { runMigrationJob } from '@simpul/platform';
import { PRICING_MIGRATIONS } from './infrastructure/persistence/migrations';

// One-shot job: DATABASE_URL=… node dist/services/pricing/src/migrate.js (see docs/operations.md).
void runMigrationJob({ name: 'pricing', migrations: PRICING_MIGRATIONS });
