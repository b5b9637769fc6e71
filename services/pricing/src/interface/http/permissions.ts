import { definePermissions, EVERY_ROLE } from '@simpul/platform';

const HUB = ['btc-operator', 'platform-admin'] as const;

/**
 * Who may call each pricing route. The AuthGuard decides from this table, and the service refuses
 * to start when a route has no entry here or its @Roles(...) disagree. Prices, alerts, reference
 * prices and ceilings are public market information for every role: no tenant rule applies.
 */
export const PRICING_PERMISSIONS = definePermissions({
  'POST /market-prices': { roles: [...HUB, 'analyst'], tenant: 'any' },
  'POST /market-prices/import': { roles: [...HUB, 'analyst'], tenant: 'any' },
  'GET /prices/status': { roles: EVERY_ROLE, tenant: 'any' },
  'GET /prices/:commodity/series': { roles: EVERY_ROLE, tenant: 'any' },
  'GET /alerts': { roles: EVERY_ROLE, tenant: 'any' },
  'GET /reference-prices/:commodity': { roles: EVERY_ROLE, tenant: 'any' },
  'POST /reference-prices': { roles: HUB, tenant: 'any' },
  'GET /ceilings': { roles: EVERY_ROLE, tenant: 'any' },
  'PUT /ceilings/:commodity': { roles: HUB, tenant: 'any' },
});
