import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { ROLES, type Role } from './roles';

/**
 * The permission table: every HTTP route of a service (method and path pattern as Nest registers
 * it, e.g. `GET /offers/:id`), which roles may call it and which tenant rule applies. Each service
 * owns its table (`services/<name>/src/interface/http/permissions.ts`); the AuthGuard decides
 * from it, and the app refuses to start when a route has no entry, an entry has no route, or a
 * route's `@Roles(...)`/`@Public()` (which feed the OpenAPI docs) disagree with its entry.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteKey = `${HttpMethod} /${string}`;

/** What a tenant-bound caller owns on a route; the application layer enforces it. */
export type OwnedObject =
  | 'offer'
  | 'producer'
  | 'purchase-request'
  | 'order'
  | 'webhook-subscription'
  | 'webhook-delivery'
  | 'buyer-feed'
  | 'shipment';

/**
 * Where the route names the owned object: its path parameter, a query or body field, or
 * `scope` — a list that shows a tenant only its own (a filter naming another tenant is refused
 * or ignored).
 */
export type OwnerLocation = `path:${string}` | `query:${string}` | `body:${string}` | 'scope';

export interface OwnRule {
  /** The tenant roles held to their own objects here (the others among `roles` see all). */
  roles: readonly Role[];
  object: OwnedObject;
  via: OwnerLocation;
}

/** `public`: no token needed, not rate limited (health, metrics). */
export interface PublicRoute {
  tenant: 'public';
  note?: string;
}

/** `any`: every allowed role sees every tenant's data (reference data, hub-wide operations). */
export interface AnyTenantRoute {
  roles: readonly Role[];
  tenant: 'any';
  note?: string;
}

/** `own`: the tenant roles in `own.roles` reach only their own objects. */
export interface OwnTenantRoute {
  roles: readonly Role[];
  tenant: 'own';
  own: OwnRule;
  note?: string;
}

export type RoutePermission = PublicRoute | AnyTenantRoute | OwnTenantRoute;
export type PermissionTable = Readonly<Partial<Record<RouteKey, RoutePermission>>>;

/** Every role: for routes whose data is the hub's reference data. */
export const EVERY_ROLE: readonly Role[] = ROLES;

/** Who may read a service's event log: it crosses tenants, so the hub and analysts only. */
export const EVENT_LOG_ROLES = [
  'btc-operator',
  'platform-admin',
  'analyst',
] as const satisfies readonly Role[];

/** The routes every service has from the platform: health checks, metrics, its event log. */
export const PLATFORM_PERMISSIONS = {
  'GET /event-log': {
    roles: EVENT_LOG_ROLES,
    tenant: 'any',
    note: 'events the service published about an id, across tenants: the hub and analysts only (a BUMD reads its own feed, GET /events on orders)',
  },
  'GET /health/live': { tenant: 'public', note: 'liveness probe' },
  'GET /health/ready': { tenant: 'public', note: 'readiness probe' },
  'GET /metrics': { tenant: 'public', note: 'Prometheus scrape, inside the cluster' },
} as const satisfies PermissionTable;

/** A service's table: its own routes plus the platform's; typed so that keys are route keys. */
export function definePermissions(table: PermissionTable): PermissionTable {
  return Object.freeze({ ...PLATFORM_PERMISSIONS, ...table });
}

export function rolesOf(permission: RoutePermission): readonly Role[] {
  return permission.tenant === 'public' ? [] : permission.roles;
}

/** Nest's route path for controller and handler paths: leading slash, no trailing or double slash. */
export function joinRoutePath(...parts: string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter((segment) => segment !== '');
  return `/${segments.join('/')}`;
}

const METHODS: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

/** The route keys Nest registers for a handler of a controller (none: not an HTTP handler). */
export function routeKeysOf(
  controller: abstract new (...args: never[]) => unknown,
  handler: (...args: never[]) => unknown,
): string[] {
  const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
  if (methodPath === undefined) return [];
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  const verb = METHODS[method ?? RequestMethod.GET] ?? RequestMethod[method ?? 0];
  const controllerPath = (Reflect.getMetadata(PATH_METADATA, controller) ?? '/') as
    string | string[];
  const keys: string[] = [];
  for (const base of [controllerPath].flat()) {
    for (const path of [methodPath].flat()) keys.push(`${verb} ${joinRoutePath(base, path)}`);
  }
  return keys;
}

export interface DiscoveredRoute {
  key: string;
  /** `Controller.method`, for messages. */
  handlerName: string;
  /** `@Roles(...)` on the handler or controller, if any. */
  declaredRoles?: readonly Role[];
  declaredPublic: boolean;
}

/** Every HTTP route of these controllers, with the access metadata its decorators declare. */
export function discoverRoutes(
  controllers: readonly (abstract new (...args: never[]) => unknown)[],
): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor') continue;
      const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (typeof handler !== 'function') continue;
      const fn = handler as (...args: never[]) => unknown;
      const roles = (Reflect.getMetadata(ROLES_KEY, fn) ??
        Reflect.getMetadata(ROLES_KEY, controller)) as Role[] | undefined;
      const declaredPublic = Boolean(
        Reflect.getMetadata(PUBLIC_KEY, fn) ?? Reflect.getMetadata(PUBLIC_KEY, controller),
      );
      for (const key of routeKeysOf(controller, fn)) {
        routes.push({
          key,
          handlerName: `${controller.name}.${name}`,
          ...(roles ? { declaredRoles: roles } : {}),
          declaredPublic,
        });
      }
    }
  }
  return routes;
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/**
 * What is wrong between the routes the app registers and its table, one line per problem, each
 * naming the route: no entry, an entry without a route, or decorators that say otherwise.
 */
export function permissionTableProblems(
  routes: readonly DiscoveredRoute[],
  table: PermissionTable,
): string[] {
  const problems: string[] = [];
  const entries = table as Readonly<Record<string, RoutePermission | undefined>>;
  for (const route of routes) {
    const entry = entries[route.key];
    if (!entry) {
      problems.push(
        `${route.key} (${route.handlerName}) has no entry in the permission table: add one to the service's interface/http/permissions.ts`,
      );
      continue;
    }
    if (entry.tenant === 'public') {
      if (!route.declaredPublic)
        problems.push(
          `${route.key} (${route.handlerName}) is public in the table but not @Public()`,
        );
      continue;
    }
    if (route.declaredPublic) {
      problems.push(
        `${route.key} (${route.handlerName}) is @Public() but the table requires roles`,
      );
      continue;
    }
    const declared = route.declaredRoles ?? [];
    if (!sameRoles(declared, entry.roles)) {
      problems.push(
        `${route.key} (${route.handlerName}): @Roles(${declared.join(', ')}) differs from the table's roles (${entry.roles.join(', ')})`,
      );
    }
    if (entry.tenant === 'own') {
      const stray = entry.own.roles.filter((role) => !entry.roles.includes(role));
      if (stray.length)
        problems.push(`${route.key}: tenant rule names roles the route does not allow (${stray})`);
    }
  }
  const registered = new Set(routes.map((route) => route.key));
  for (const key of Object.keys(entries)) {
    if (!registered.has(key))
      problems.push(`${key} is in the permission table but the app registers no such route`);
  }
  return problems;
}

/** OpenAPI path (`/offers/{id}`) to Nest's pattern (`/offers/:id`). */
export function fromOpenApiPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

interface OpenApiDocument {
  paths: object;
}

/**
 * The OpenAPI document with the table in it: each operation's entry as `x-simpul-access`, and
 * the whole table (routes hidden from the docs, such as /metrics, included) as
 * `x-simpul-permissions` — what clients read, and what the access test walks.
 */
export function withPermissions<D extends OpenApiDocument>(document: D, table: PermissionTable): D {
  const entries = table as Readonly<Record<string, RoutePermission | undefined>>;
  for (const [path, operations] of Object.entries(document.paths) as [string, object][]) {
    for (const [method, operation] of Object.entries(operations) as [string, unknown][]) {
      const entry = entries[`${method.toUpperCase()} ${fromOpenApiPath(path)}`];
      if (entry && typeof operation === 'object' && operation !== null)
        (operation as Record<string, unknown>)['x-simpul-access'] = entry;
    }
  }
  return Object.assign(document, { 'x-simpul-permissions': table });
}
