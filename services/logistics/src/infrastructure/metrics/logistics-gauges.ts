import type { SqlGaugeDefinition } from '@simpul/platform';

/** What an operator watches of logistics, read when Prometheus scrapes. */
export const LOGISTICS_GAUGES: readonly SqlGaugeDefinition[] = [
  {
    name: 'simpul_logistics_shipments',
    help: 'Shipments by status (departed = in transit)',
    labelNames: ['status'],
    query: 'SELECT status, count(*)::float8 AS value FROM shipments GROUP BY status',
  },
  {
    name: 'simpul_logistics_shipments_overdue',
    help: 'Shipments in transit past their ETA',
    query:
      "SELECT count(*)::float8 AS value FROM shipments WHERE status = 'departed' AND eta < now()",
  },
];
