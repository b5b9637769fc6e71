import { join } from 'node:path';
import { BaseServiceConfig } from '@simpul/platform';

export const SERVICES = ['catalog', 'orders', 'logistics', 'pricing'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The config class of a service (services/<name>/src/config/<name>.config.ts), loaded by path:
 * the module boundaries keep tools from importing a service, and the deployment checks only
 * read the class as data (which variables it requires, whether an environment validates).
 */
export function serviceConfigClass(
  root: string,
  service: ServiceName,
): new () => BaseServiceConfig {
  const file = join(root, 'services', service, 'src', 'config', `${service}.config.ts`);
  const exports = require(file) as Record<string, unknown>;
  const found = Object.values(exports).find(
    (value): value is new () => BaseServiceConfig =>
      typeof value === 'function' && value.prototype instanceof BaseServiceConfig,
  );
  if (!found) throw new Error(`${file} exports no class extending BaseServiceConfig`);
  return found;
}
