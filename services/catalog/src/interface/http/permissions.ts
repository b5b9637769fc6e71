import { definePermissions, EVERY_ROLE } from '@simpul/platform';

const HUB = ['btc-operator', 'platform-admin'] as const;

/**
 * Who may call each catalog route. The AuthGuard decides from this table, and the service refuses
 * to start when a route has no entry here or its @Roles(...) disagree. A producer changes,
 * withdraws, publishes and sees the allocations of its own offers only, and sees only its own
 * producer record; published offers and commodities are the hub's open market data.
 */
export const CATALOG_PERMISSIONS = definePermissions({
  'GET /commodities': { roles: EVERY_ROLE, tenant: 'any' },
  'POST /commodities': { roles: HUB, tenant: 'any' },
  'GET /offers': {
    roles: EVERY_ROLE,
    tenant: 'any',
    note: 'published offers are open to every role; drafts (status=draft) only to their producer and the hub',
  },
  'POST /offers': {
    roles: ['producer', 'btc-operator'],
    tenant: 'own',
    own: { roles: ['producer'], object: 'producer', via: 'body:producerId' },
  },
  'GET /offers/:id': {
    roles: EVERY_ROLE,
    tenant: 'any',
    note: 'a draft is found only by its producer and the hub (404 to others)',
  },
  'PATCH /offers/:id': {
    roles: ['producer', 'btc-operator'],
    tenant: 'own',
    own: { roles: ['producer'], object: 'offer', via: 'path:id' },
  },
  'POST /offers/:id/withdraw': {
    roles: ['producer', 'btc-operator'],
    tenant: 'own',
    own: { roles: ['producer'], object: 'offer', via: 'path:id' },
  },
  'POST /offers/:id/publish': {
    roles: ['producer', 'btc-operator'],
    tenant: 'own',
    own: { roles: ['producer'], object: 'offer', via: 'path:id' },
  },
  'GET /offers/:id/allocations': {
    roles: ['producer', 'btc-operator', 'platform-admin', 'analyst'],
    tenant: 'own',
    own: { roles: ['producer'], object: 'offer', via: 'path:id' },
  },
  'POST /producers': { roles: ['btc-operator'], tenant: 'any' },
  'GET /producers': { roles: HUB, tenant: 'any' },
  'GET /producers/:id': {
    roles: ['btc-operator', 'platform-admin', 'producer'],
    tenant: 'own',
    own: { roles: ['producer'], object: 'producer', via: 'path:id' },
  },
  'POST /producers/:id/verify': { roles: ['btc-operator'], tenant: 'any' },
  'POST /producers/:id/suspend': { roles: ['btc-operator'], tenant: 'any' },
});
