import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../errors/app-error';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { AUTH_ERROR_CODES, type Principal, ROLES, type Role, type TokenClaims } from './roles';

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Every HTTP endpoint needs a valid bearer token unless marked @Public(); an endpoint without
 * @Roles(...) is refused to everyone, so that forgetting to state who may call it fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(principal.role)) {
      throw new AppError(
        AUTH_ERROR_CODES.forbidden,
        `role ${principal.role} may not call this endpoint`,
        403,
      );
    }
    request.principal = principal;
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Principal> {
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header) : null;
    if (!match)
      throw new AppError(AUTH_ERROR_CODES.unauthenticated, 'a bearer token is required', 401);
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(match[1]);
    } catch (error) {
      throw new AppError(
        AUTH_ERROR_CODES.unauthenticated,
        `invalid token: ${(error as Error).message}`,
        401,
      );
    }
    if (!ROLES.includes(claims.role) || typeof claims.sub !== 'string') {
      throw new AppError(AUTH_ERROR_CODES.unauthenticated, 'token carries no known role', 401);
    }
    return {
      subject: claims.sub,
      role: claims.role,
      ...(claims.tenant ? { tenantId: claims.tenant } : {}),
    };
  }
}
