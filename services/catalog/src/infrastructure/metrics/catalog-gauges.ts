import type { SqlGaugeDefinition } from '@simpul/platform';

/** What an operator watches of the catalog, read when Prometheus scrapes. */
export const CATALOG_GAUGES: readonly SqlGaugeDefinition[] = [
  {
    name: 'simpul_catalog_offers',
    help: 'Supply offers by status, by commodity',
    labelNames: ['commodity_code', 'status'],
    query:
      'SELECT commodity_code, status, count(*)::float8 AS value FROM supply_offers GROUP BY commodity_code, status',
  },
  {
    name: 'simpul_catalog_remaining_quantity',
    help: 'Quantity still on offer (remaining of open offers), by commodity and unit',
    labelNames: ['commodity_code', 'unit'],
    query: `SELECT commodity_code, unit, sum(remaining_amount)::float8 AS value FROM supply_offers
             WHERE status IN ('published', 'partially_allocated') GROUP BY commodity_code, unit`,
  },
];
