/** Who may call what. A token carries exactly one role and, for producers and BUMDs, a tenant. */
export const ROLES = ['producer', 'btc-operator', 'bumd', 'analyst', 'platform-admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one tenant: a producer id or a buyer (BUMD) id. */
export const TENANT_ROLES: readonly Role[] = ['producer', 'bumd'];

export interface Principal {
  /** Who the token was issued to (a person or system). */
  subject: string;
  role: Role;
  /** The producer or buyer the caller acts for; absent for hub-wide roles. */
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
