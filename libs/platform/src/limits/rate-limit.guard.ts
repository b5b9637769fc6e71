import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { type AuthenticatedRequest, Authenticator } from '../auth/authenticator';
import { PERMISSION_TABLE, permissionFor } from '../auth/permission-lookup';
import type { PermissionTable } from '../auth/permissions';
import { AppError, COMMON_ERROR_CODES } from '../errors/app-error';

export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Requests per client per minute (sliding window, in this process): a client is the token's
 * subject, or the remote address when the request carries no valid token. Public routes (health,
 * metrics) are never limited. Over the limit: 429 RATE_LIMITED with `Retry-After` (seconds until
 * the oldest counted request leaves the window); refused requests do not count.
 */
@Injectable()
export class ClientRateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly authenticator: Authenticator,
    @Inject(PERMISSION_TABLE) private readonly table: PermissionTable,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.throttlers.every((throttler) => Number(throttler.limit) <= 0)) return true;
    return permissionFor(this.table, context)?.tenant === 'public';
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const outcome = await this.authenticator.outcome(req as unknown as AuthenticatedRequest);
    if ('principal' in outcome) return `sub:${outcome.principal.subject}`;
    return `ip:${await super.getTracker(req)}`;
  }

  /** One budget per client across every route (the library's default is one per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string) {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new AppError(
      COMMON_ERROR_CODES.rateLimited,
      `too many requests: at most ${detail.limit} a minute per client; retry after ${detail.timeToBlockExpire} s`,
      429,
    );
  }
}
