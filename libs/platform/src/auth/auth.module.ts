import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';

export interface AuthSettings {
  secret: string;
  issuer: string;
}

/** HS256 bearer tokens from one configured secret; the guard applies to every HTTP route. */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        JwtModule.register({
          secret: settings.secret,
          signOptions: { algorithm: 'HS256', issuer: settings.issuer, audience: 'simpul' },
          verifyOptions: { algorithms: ['HS256'], issuer: settings.issuer, audience: 'simpul' },
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
