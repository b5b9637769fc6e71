import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AuthGuard } from './auth.guard';

export interface AuthSettings {
  secret: string;
  issuer: string;
}

/** HS256 bearer tokens from one configured secret; the guard applies to every HTTP route. */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    const key = createSecretKey(Buffer.from(settings.secret));
    return {
      module: AuthModule,
      imports: [
        JwtModule.register({
          // A key object made once: given a string, jsonwebtoken first tries (and fails) to read
          // it as a public key on every verify, which cost ~6 % of the orders service at load.
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256', issuer: settings.issuer, audience: 'simpul' },
          verifyOptions: { algorithms: ['HS256'], issuer: settings.issuer, audience: 'simpul' },
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
