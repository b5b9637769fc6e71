import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { createSecretKey } from 'node:crypto';
import { ClientRateLimitGuard, RATE_LIMIT_WINDOW_MS } from '../limits/rate-limit.guard';
import { AuthGuard } from './auth.guard';
import { Authenticator, PREVIOUS_SECRET_JWT } from './authenticator';
import { PERMISSION_TABLE } from './permission-lookup';
import { PermissionTableCheck } from './permission-table.check';
import type { PermissionTable } from './permissions';

export interface AuthSettings {
  secret: string;
  /** The secret being retired during a rotation: its tokens are still accepted. */
  previousSecret?: string;
  issuer: string;
  /** The service's permission table: the guard decides every HTTP route from it. */
  permissions: PermissionTable;
  /** Requests per client (token subject, else address) per minute; 0 turns limiting off. */
  rateLimitPerMinute: number;
}

/**
 * HS256 bearer tokens from the configured secret (and, during a rotation, the previous one), the rate limit per client, then the permission
 * table: both guards apply to every HTTP route, in that order (a flood of bad tokens is limited
 * by address before it costs more).
 */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    const key = createSecretKey(Buffer.from(settings.secret));
    const verifyOptions = {
      algorithms: ['HS256' as const],
      issuer: settings.issuer,
      audience: 'simpul',
    };
    // Key objects made once, as for the current secret.
    const previousKey = settings.previousSecret
      ? createSecretKey(Buffer.from(settings.previousSecret))
      : null;
    const previous = previousKey
      ? new JwtService({ secretOrKeyProvider: () => previousKey, verifyOptions })
      : null;
    return {
      module: AuthModule,
      imports: [
        DiscoveryModule,
        JwtModule.register({
          // A key object made once: given a string, jsonwebtoken first tries (and fails) to read
          // it as a public key on every verify, which cost ~6 % of the orders service at load.
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256', issuer: settings.issuer, audience: 'simpul' },
          verifyOptions,
        }),
        ThrottlerModule.forRoot([
          {
            ttl: RATE_LIMIT_WINDOW_MS,
            limit: settings.rateLimitPerMinute,
            // A sliding window: refused requests do not count, nothing is blocked beyond it.
            blockDuration: 0,
          },
        ]),
      ],
      providers: [
        { provide: PERMISSION_TABLE, useValue: settings.permissions },
        { provide: PREVIOUS_SECRET_JWT, useValue: previous },
        Authenticator,
        PermissionTableCheck,
        { provide: APP_GUARD, useClass: ClientRateLimitGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [PERMISSION_TABLE],
    };
  }
}
