import { getMetadataStorage } from 'class-validator';

/**
 * The environment variables a service's config class requires: the validated properties that
 * have no default (undefined on a fresh instance) and are not @IsOptional(). Read from the
 * class-validator metadata, so it follows the class when a variable is added or gets a default.
 */
export function requiredEnvironment(configClass: new () => object): string[] {
  const instance = new configClass() as Record<string, unknown>;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(configClass, '', true, false);
  const properties = new Set(metadata.map((m) => m.propertyName));
  const optional = new Set(
    metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
  );
  return [...properties]
    .filter((name) => instance[name] === undefined && !optional.has(name))
    .sort();
}

/**
 * Compose variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `$$`), as `docker compose` applies it to the file.
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    /\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])((?:[^}])*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      whole,
      _inner,
      braced?: string,
      colon?: string,
      kind?: string,
      arg?: string,
      bare?: string,
    ) => {
      if (whole === '$$') return '$';
      const name = braced ?? bare ?? '';
      const current = env[name];
      const unset = current === undefined || (colon === ':' && current === '');
      if (kind === '-') return unset ? (arg ?? '') : (current ?? '');
      if (kind === '?') {
        if (unset) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return current ?? '';
      }
      return current ?? '';
    },
  );
}
