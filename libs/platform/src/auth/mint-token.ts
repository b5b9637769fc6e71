import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role, TENANT_ROLES } from './roles';

export interface MintOptions {
  secret: string;
  issuer?: string;
  role: Role;
  subject: string;
  tenantId?: string;
  /** Seconds until expiry. */
  expiresIn?: number;
}

/** Signs a token the services accept (same algorithm, issuer and audience as AuthModule). */
export function mintToken(options: MintOptions): string {
  if (!ROLES.includes(options.role))
    throw new Error(`unknown role "${options.role}"; roles: ${ROLES.join(', ')}`);
  if (TENANT_ROLES.includes(options.role) && !options.tenantId) {
    throw new Error(
      `role ${options.role} acts for a tenant: give its producer, buyer or carrier id`,
    );
  }
  const claims = { role: options.role, ...(options.tenantId ? { tenant: options.tenantId } : {}) };
  return new JwtService().sign(claims, {
    secret: options.secret,
    algorithm: 'HS256',
    subject: options.subject,
    issuer: options.issuer ?? 'simpul',
    audience: 'simpul',
    expiresIn: options.expiresIn ?? 8 * 3600,
  });
}
