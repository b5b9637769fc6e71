import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../errors/app-error';
import { AUTH_ERROR_CODES, type Principal, ROLES, type TokenClaims } from './roles';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

const RESULT = Symbol('simpul:authentication');
/** What jsonwebtoken says when a token was signed with another secret. */
const INVALID_SIGNATURE = 'invalid signature';

/** A JwtService for the secret being retired (AUTH_JWT_PREVIOUS_SECRET), or null. */
export const PREVIOUS_SECRET_JWT = Symbol('PREVIOUS_SECRET_JWT');
type Outcome = { principal: Principal } | { error: AppError };
type WithOutcome = AuthenticatedRequest & { [RESULT]?: Promise<Outcome> };

/**
 * Checks a request's bearer token once, however many guards ask (the rate limiter keys by the
 * token's subject, the AuthGuard decides access). Never logs the token: a refusal names only why.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly jwt: JwtService,
    @Inject(PREVIOUS_SECRET_JWT) private readonly previous: JwtService | null = null,
  ) {}

  /** The caller, or the 401 to answer; the same promise for every question about one request. */
  outcome(request: AuthenticatedRequest): Promise<Outcome> {
    const memo = request as WithOutcome;
    memo[RESULT] ??= this.verify(request).then(
      (principal) => ({ principal }),
      (error: unknown) => ({
        error:
          error instanceof AppError
            ? error
            : new AppError(AUTH_ERROR_CODES.unauthenticated, 'invalid token', 401),
      }),
    );
    return memo[RESULT];
  }

  async principal(request: AuthenticatedRequest): Promise<Principal> {
    const outcome = await this.outcome(request);
    if ('error' in outcome) throw outcome.error;
    return outcome.principal;
  }

  private async verify(request: AuthenticatedRequest): Promise<Principal> {
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header) : null;
    if (!match)
      throw new AppError(AUTH_ERROR_CODES.unauthenticated, 'a bearer token is required', 401);
    const claims = await this.claims(match[1]);
    if (!ROLES.includes(claims.role) || typeof claims.sub !== 'string') {
      throw new AppError(AUTH_ERROR_CODES.unauthenticated, 'token carries no known role', 401);
    }
    return {
      subject: claims.sub,
      role: claims.role,
      ...(claims.tenant ? { tenantId: claims.tenant } : {}),
    };
  }

  /**
   * The token's claims under the current secret; during a rotation, a token whose signature the
   * current secret refuses is tried with the previous one, and when that secret signed it, its
   * verdict is the answer (expired, wrong issuer…). Otherwise the current secret's refusal stands.
   */
  private async claims(token: string): Promise<TokenClaims> {
    let refusal = '';
    try {
      return await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (error) {
      refusal = (error as Error).message;
    }
    if (this.previous && refusal === INVALID_SIGNATURE) {
      try {
        return await this.previous.verifyAsync<TokenClaims>(token);
      } catch (error) {
        if ((error as Error).message !== INVALID_SIGNATURE) refusal = (error as Error).message;
      }
    }
    throw new AppError(AUTH_ERROR_CODES.unauthenticated, `invalid token: ${refusal}`, 401);
  }
}
