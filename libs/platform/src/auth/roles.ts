/** Who may call what. A token carries exactly one role and, for producers, BUMDs and drivers, a tenant. */
export const ROLES = [
  'producer',
  'btc-operator',
  'bumd',
  'analyst',
  'platform-admin',
  'driver',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one tenant: a producer id, a buyer (BUMD) id, or a driver's carrier id. */
export const TENANT_ROLES: readonly Role[] = ['producer', 'bumd', 'driver'];

export interface Principal {
  /** Who the token was issued to (a person or system). */
  subject: string;
  role: Role;
  /** The producer, buyer or carrier the caller acts for; absent for hub-wide roles. */
  tenantId?: string;
}

export interface TokenClaims {
  sub: string;
  role: Role;
  tenant?: string;
}

export const AUTH_ERROR_CODES = {
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
} as const;
