import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { PERMISSION_TABLE } from './permission-lookup';
import { discoverRoutes, type PermissionTable, permissionTableProblems } from './permissions';

/** The table is complete and agrees with the decorators, or the app refuses to start. */
export class PermissionTableError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the permission table does not match the routes:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PermissionTableError';
  }
}

@Injectable()
export class PermissionTableCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(PERMISSION_TABLE) private readonly table: PermissionTable,
  ) {}

  onModuleInit(): void {
    const controllers = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype)
      .filter((type): type is NonNullable<typeof type> => typeof type === 'function');
    const problems = permissionTableProblems(
      discoverRoutes(controllers as unknown as (abstract new (...args: never[]) => unknown)[]),
      this.table,
    );
    if (problems.length) throw new PermissionTableError(problems);
  }
}
