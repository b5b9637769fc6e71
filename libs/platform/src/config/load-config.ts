import { flattenValidationErrors } from '@simpul/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** The environment is wrong: `problems` name each variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid environment:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates environment variables into a typed config object; unknown variables are ignored. */
export function loadConfig<T extends object>(
  configClass: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(configClass, present, { exposeDefaultValues: true });
  const errors = validateSync(config as object, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(flattenValidationErrors(errors));
  return config;
}
