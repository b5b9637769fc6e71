/**
 * A domain gauge read from the service's own database when Prometheus scrapes: open requests,
 * shipments in transit, active alerts. The query returns rows of `value` plus one column per
 * label name.
 */
export interface SqlGaugeDefinition {
  name: string;
  help: string;
  query: string;
  labelNames?: readonly string[];
}
