import type { SqlGaugeDefinition } from '@simpul/platform';

/** What an operator watches of the orders service, read when Prometheus scrapes. */
export const ORDERS_GAUGES: readonly SqlGaugeDefinition[] = [
  {
    name: 'simpul_orders_open_requests',
    help: 'Purchase requests still waiting for supply (open or partially matched), by commodity',
    labelNames: ['commodity_code'],
    query: `SELECT commodity_code, count(*)::float8 AS value FROM purchase_requests
             WHERE status IN ('open', 'partially_matched') GROUP BY commodity_code`,
  },
  {
    name: 'simpul_orders_matched_quantity',
    help: 'Quantity allocated to orders and not released, by commodity and unit (kg, head, piece)',
    labelNames: ['commodity_code', 'unit'],
    query: `SELECT o.commodity_code, o.unit, sum(l.quantity)::float8 AS value
              FROM order_lines l JOIN orders o ON o.id = l.order_id
             WHERE l.released_at IS NULL GROUP BY o.commodity_code, o.unit`,
  },
  {
    name: 'simpul_orders_by_status',
    help: 'Orders by status',
    labelNames: ['status'],
    query: 'SELECT status, count(*)::float8 AS value FROM orders GROUP BY status',
  },
  {
    name: 'simpul_webhook_deliveries',
    help: 'Webhook deliveries by state (pending includes those waiting for a retry)',
    labelNames: ['state'],
    query: 'SELECT state, count(*)::float8 AS value FROM webhook_deliveries GROUP BY state',
  },
  {
    name: 'simpul_webhook_subscriptions',
    help: 'Webhook subscriptions by status (paused ones need the BUMD or an operator)',
    labelNames: ['status'],
    query:
      "SELECT status, count(*)::float8 AS value FROM webhook_subscriptions WHERE status <> 'deleted' GROUP BY status",
  },
];
