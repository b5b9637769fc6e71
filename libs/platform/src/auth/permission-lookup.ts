import type { ExecutionContext } from '@nestjs/common';
import { type PermissionTable, type RoutePermission, routeKeysOf } from './permissions';

/** Injection token of the service's permission table. */
export const PERMISSION_TABLE = Symbol('simpul:permission-table');

const CACHE = new WeakMap<PermissionTable, WeakMap<object, RoutePermission | null>>();

/** The table entry of the route a request reached (null: none), found once per handler. */
export function permissionFor(
  table: PermissionTable,
  context: ExecutionContext,
): RoutePermission | null {
  const handler = context.getHandler();
  let byHandler = CACHE.get(table);
  if (!byHandler) CACHE.set(table, (byHandler = new WeakMap()));
  const cached = byHandler.get(handler);
  if (cached !== undefined) return cached;
  const entries = table as Readonly<Record<string, RoutePermission | undefined>>;
  const keys = routeKeysOf(
    context.getClass() as abstract new (...args: never[]) => unknown,
    handler as (...args: never[]) => unknown,
  );
  // A handler on several paths needs an entry for each; the first decides, all must exist.
  const found =
    keys.length && keys.every((key) => entries[key]) ? (entries[keys[0]] ?? null) : null;
  byHandler.set(handler, found);
  return found;
}
