import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { type AuthenticatedRequest, Authenticator } from './authenticator';
import { PERMISSION_TABLE, permissionFor } from './permission-lookup';
import type { PermissionTable } from './permissions';
import { AUTH_ERROR_CODES } from './roles';

/**
 * Every HTTP route is decided by the service's permission table: a `public` entry is open, any
 * other needs a valid bearer token whose role the entry allows. A route without an entry is
 * refused to everyone (the app also refuses to start with one), so forgetting fails closed.
 * Tenant rules (`own`) are enforced where the objects are loaded, in the application layer.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    @Inject(PERMISSION_TABLE) private readonly table: PermissionTable,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const entry = permissionFor(this.table, context);
    if (entry?.tenant === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticator.principal(request);
    if (!entry) {
      throw new AppError(AUTH_ERROR_CODES.forbidden, 'this endpoint has no permission entry', 403);
    }
    if (!entry.roles.includes(principal.role)) {
      throw new AppError(
        AUTH_ERROR_CODES.forbidden,
        `role ${principal.role} may not call this endpoint`,
        403,
      );
    }
    request.principal = principal;
    return true;
  }
}
