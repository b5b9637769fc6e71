/** The HTTP surface of a running service, read from its OpenAPI document (`/docs-json`). */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  example?: unknown;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}

export interface FuzzRoute {
  method: string;
  /** OpenAPI path, e.g. `/offers/{id}`. */
  path: string;
  pathParams: string[];
  query: { name: string; required: boolean; schema: Schema }[];
  /** Content type and schema of the request body, when the route takes one. */
  body?: { contentType: string; schema: Schema };
  /** Roles the route allows (from `@Roles`: "FORBIDDEN: allowed roles are …"). */
  roles: string[];
}

interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

const ALLOWED_ROLES = /allowed roles are (.+)$/;

export async function fetchOpenApi(url: string): Promise<OpenApiDocument> {
  const response = await fetch(`${url}/docs-json`);
  if (response.status !== 200) throw new Error(`${url}/docs-json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

/** Every route that needs a token (public routes, the health checks, are not fuzzed). */
export function securedRoutes(document: OpenApiDocument): FuzzRoute[] {
  const routes: FuzzRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!operation.security?.length) continue;
      const forbidden = operation.responses?.['403']?.description ?? '';
      const roles = ALLOWED_ROLES.exec(forbidden)?.[1].split(/,\s*/) ?? [];
      if (roles.length === 0) {
        throw new Error(`${method.toUpperCase()} ${path} is secured but names no allowed roles`);
      }
      const params = operation.parameters ?? [];
      const content = Object.entries(operation.requestBody?.content ?? {})[0];
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} })),
        body: content ? { contentType: content[0], schema: content[1].schema ?? {} } : undefined,
        roles,
      });
    }
  }
  return routes;
}

/** Follows `$ref` (and a single `allOf`) to the schema it names. */
export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    if (current.$ref) {
      const name = current.$ref.replace('#/components/schemas/', '');
      const found = document.components?.schemas?.[name];
      if (!found) throw new Error(`unresolved ${current.$ref}`);
      current = found;
    } else if (current.allOf?.length === 1) current = current.allOf[0];
    else return current;
  }
  return current;
}

/** The role a fuzz request uses: one the route allows, hub roles first (they need no tenant). */
const ROLE_PREFERENCE = ['btc-operator', 'platform-admin', 'analyst', 'bumd', 'producer', 'driver'];
export const ROLE_TENANTS: Record<string, string | undefined> = {
  bumd: 'pasar-jaya',
  producer: '0193a000-0000-7000-8000-00000000f022',
  driver: 'cv-penataran-jaya-trans',
};

export function fuzzRole(route: FuzzRoute): { role: string; tenant?: string } {
  const role = ROLE_PREFERENCE.find((r) => route.roles.includes(r)) ?? route.roles[0];
  return { role, tenant: ROLE_TENANTS[role] };
}

/** A schema's value that validation may accept: examples, first enum values, plausible defaults. */
export function plausibleValue(document: OpenApiDocument, raw: Schema): unknown {
  const schema = resolve(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.type === 'array' ? [schema.enum[0]] : schema.enum[0];
  if (schema.properties) {
    return Object.fromEntries(
      Object.entries(schema.properties).map(([name, property]) => [
        name,
        plausibleValue(document, property),
      ]),
    );
  }
  switch (schema.type) {
    case 'array':
      return schema.items ? [plausibleValue(document, schema.items)] : [];
    case 'number':
    case 'integer':
      return schema.minimum !== undefined ? Math.max(schema.minimum, 1) : 1;
    case 'boolean':
      return true;
    case 'object':
      return {};
    default:
      if (schema.format === 'uuid') return '0193a000-0000-7000-8000-00000000f0aa';
      if (schema.format === 'date-time') return '2030-01-01T00:00:00Z';
      return 'sample text';
  }
}

/** A string property with no pattern, enum or format: free text that may well be valid. */
export function isFreeText(document: OpenApiDocument, raw: Schema): boolean {
  const schema = resolve(document, raw);
  return (
    (schema.type === 'string' || schema.type === undefined) &&
    !schema.enum &&
    !schema.pattern &&
    !schema.format &&
    !schema.properties &&
    schema.example !== undefined &&
    typeof schema.example === 'string'
  );
}
