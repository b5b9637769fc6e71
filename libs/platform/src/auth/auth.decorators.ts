import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import type { Principal, Role } from './roles';

export const ROLES_KEY = 'simpul:roles';
export const PUBLIC_KEY = 'simpul:public';

/** The endpoint is open without a token (health checks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only callers holding one of these roles may call the endpoint; shown in the OpenAPI docs. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no valid bearer token' }),
    ApiForbiddenResponse({ description: `FORBIDDEN: allowed roles are ${roles.join(', ')}` }),
  );

export const ProducerOnly = () => Roles('producer');
export const OperatorOnly = () => Roles('btc-operator');
export const BumdOnly = () => Roles('bumd');
export const AnalystOnly = () => Roles('analyst');
export const AdminOnly = () => Roles('platform-admin');

/** The authenticated caller, as checked by the AuthGuard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    return context.switchToHttp().getRequest<{ principal: Principal }>().principal;
  },
);
