import { definePermissions } from '@simpul/platform';

const HUB = ['btc-operator', 'platform-admin'] as const;
const MOVERS = ['btc-operator', 'platform-admin', 'driver'] as const;
const VIEWERS = ['btc-operator', 'platform-admin', 'analyst', 'driver', 'bumd'] as const;

/**
 * Who may call each logistics route. The AuthGuard decides from this table, and the service
 * refuses to start when a route has no entry here or its @Roles(...) disagree. A BUMD sees and
 * confirms delivery of only the shipments to it; a driver sees and moves only its carrier's
 * (application/shipments/shipment-access.ts, shipment.queries.ts).
 */
export const LOGISTICS_PERMISSIONS = definePermissions({
  'GET /vehicles': {
    roles: ['btc-operator', 'platform-admin', 'analyst', 'driver'],
    tenant: 'any',
  },
  'POST /vehicles': { roles: HUB, tenant: 'any' },
  'PATCH /vehicles/:plate': { roles: HUB, tenant: 'any' },
  'GET /routes': { roles: VIEWERS, tenant: 'any' },
  'GET /shipments': {
    roles: VIEWERS,
    tenant: 'own',
    own: { roles: ['bumd', 'driver'], object: 'shipment', via: 'scope' },
  },
  'GET /shipments/:id': {
    roles: VIEWERS,
    tenant: 'own',
    own: { roles: ['bumd', 'driver'], object: 'shipment', via: 'path:id' },
  },
  'POST /shipments/:id/loading': {
    roles: MOVERS,
    tenant: 'own',
    own: { roles: ['driver'], object: 'shipment', via: 'path:id' },
  },
  'POST /shipments/:id/depart': {
    roles: MOVERS,
    tenant: 'own',
    own: { roles: ['driver'], object: 'shipment', via: 'path:id' },
  },
  'POST /shipments/:id/checkpoints': {
    roles: MOVERS,
    tenant: 'own',
    own: { roles: ['driver'], object: 'shipment', via: 'path:id' },
  },
  'POST /shipments/:id/arrive': {
    roles: MOVERS,
    tenant: 'own',
    own: { roles: ['driver'], object: 'shipment', via: 'path:id' },
  },
  'POST /shipments/:id/deliver': {
    roles: [...MOVERS, 'bumd'],
    tenant: 'own',
    own: { roles: ['driver', 'bumd'], object: 'shipment', via: 'path:id' },
  },
  'POST /shipments/:id/fail': {
    roles: MOVERS,
    tenant: 'own',
    own: { roles: ['driver'], object: 'shipment', via: 'path:id' },
  },
});
