import type { SqlGaugeDefinition } from '@simpul/platform';

/** What an operator watches of price monitoring, read when Prometheus scrapes. */
export const PRICING_GAUGES: readonly SqlGaugeDefinition[] = [
  {
    name: 'simpul_pricing_active_alerts',
    help: 'Open price alerts, by commodity, rule and tier',
    labelNames: ['commodity_code', 'rule', 'tier'],
    query: `SELECT commodity_code, rule, coalesce(tier, '') AS tier, count(*)::float8 AS value
              FROM alerts WHERE status = 'open' GROUP BY commodity_code, rule, tier`,
  },
];
