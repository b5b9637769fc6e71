import { definePermissions, EVERY_ROLE } from '@simpul/platform';

const HUB = ['btc-operator', 'platform-admin'] as const;
const BUMD_AND_HUB = ['bumd', 'btc-operator', 'platform-admin'] as const;
const READERS = ['bumd', 'btc-operator', 'analyst', 'platform-admin'] as const;
const OWN_BUMD = ['bumd'] as const;

/**
 * Who may call each orders route. The AuthGuard decides from this table, and the service refuses
 * to start when a route has no entry here or its @Roles(...) disagree. A BUMD acts only for
 * itself: its own purchase requests, orders, event feed, event topic and webhook subscriptions
 * (application/buyers/buyer-directory.ts: actingBuyerId, assertMayRead).
 */
export const ORDERS_PERMISSIONS = definePermissions({
  'GET /buyers': { roles: EVERY_ROLE, tenant: 'any' },
  'POST /buyers': { roles: HUB, tenant: 'any' },
  'POST /buyers/:id/destinations': { roles: HUB, tenant: 'any' },
  'GET /buyers/:buyerId/event-topic': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'buyer-feed', via: 'path:buyerId' },
  },
  'PUT /buyers/:buyerId/event-topic': { roles: HUB, tenant: 'any' },
  'GET /events': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'buyer-feed', via: 'query:buyerId' },
  },
  'GET /events/stream': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'buyer-feed', via: 'query:buyerId' },
  },
  'GET /offer-book': { roles: READERS, tenant: 'any' },
  'POST /purchase-requests': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'purchase-request', via: 'body:buyerId' },
  },
  'GET /purchase-requests': {
    roles: READERS,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'purchase-request', via: 'scope' },
  },
  'GET /purchase-requests/:id': {
    roles: READERS,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'purchase-request', via: 'path:id' },
  },
  'POST /purchase-requests/:id/cancel': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'purchase-request', via: 'path:id' },
  },
  'GET /orders': {
    roles: READERS,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'order', via: 'scope' },
  },
  'GET /orders/:id': {
    roles: READERS,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'order', via: 'path:id' },
  },
  'POST /orders/:id/cancel': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'order', via: 'path:id' },
  },
  'POST /orders/:id/close': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'order', via: 'path:id' },
  },
  'POST /webhooks/subscriptions': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-subscription', via: 'body:buyerId' },
  },
  'GET /webhooks/subscriptions': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-subscription', via: 'scope' },
  },
  'GET /webhooks/subscriptions/:id': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-subscription', via: 'path:id' },
  },
  'DELETE /webhooks/subscriptions/:id': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-subscription', via: 'path:id' },
  },
  'POST /webhooks/subscriptions/:id/pause': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-subscription', via: 'path:id' },
  },
  'POST /webhooks/subscriptions/:id/resume': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-subscription', via: 'path:id' },
  },
  'POST /webhooks/subscriptions/:id/rotate-secret': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-subscription', via: 'path:id' },
  },
  'GET /webhooks/subscriptions/:id/deliveries': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-subscription', via: 'path:id' },
  },
  'GET /webhooks/deliveries/:id': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-delivery', via: 'path:id' },
  },
  'POST /webhooks/deliveries/:id/redeliver': {
    roles: BUMD_AND_HUB,
    tenant: 'own',
    own: { roles: OWN_BUMD, object: 'webhook-delivery', via: 'path:id' },
  },
});
