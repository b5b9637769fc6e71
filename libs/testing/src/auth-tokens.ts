import { JwtService } from '@nestjs/jwt';

/** The secret every service started by the test harness uses (never a production secret). */
export const TEST_AUTH_SECRET = 'simpul-test-secret-not-for-production-0123456789';

/**
 * A bearer token for a test request, as `{ authorization }` headers. Signed like
 * `mintToken` in @simpul/platform (which this library may not import: platform's own tests use it).
 */
export function authHeader(role: string, tenantId?: string): { authorization: string } {
  const token = new JwtService().sign(
    { role, ...(tenantId ? { tenant: tenantId } : {}) },
    {
      secret: TEST_AUTH_SECRET,
      algorithm: 'HS256',
      subject: `test-${role}`,
      issuer: 'simpul',
      audience: 'simpul',
      expiresIn: 3600,
    },
  );
  return { authorization: `Bearer ${token}` };
}
