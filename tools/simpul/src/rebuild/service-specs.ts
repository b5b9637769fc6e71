import {
  MarketPricesObserved,
  OfferChanged,
  OfferPublished,
  OrderConfirmed,
  EVENT_CATALOG,
} from '@simpul/contracts';

/** A read model compared between the live database and the rebuilt one. */
export interface ProjectionTable {
  table: string;
  /** Columns that identify a row (sorted by them, matched on them). */
  key: readonly string[];
  /** Columns compared; processing-time columns that legitimately differ are left out. */
  columns: readonly string[];
  /** Why this table is a projection of the topics (shown by `--help` and in the docs). */
  note: string;
}

export interface RebuildSpec {
  service: string;
  /** The event types the service's `@EventPattern` handlers take, as in its consumers. */
  consumes: readonly string[];
  /** Environment for the replica besides the platform switches (scheduled work, dispatchers). */
  env: Record<string, string>;
  tables: readonly ProjectionTable[];
}

/**
 * Services whose read models cannot be rebuilt from the topics alone, and why. Their state is
 * born from HTTP commands (the event log carries what they published, not what they were told),
 * so a replica on an empty database would dead-letter what it cannot apply — into the live
 * deployment's DLQ topics — and differ everywhere. See docs/analysts.md.
 */
export const NOT_REBUILDABLE: Record<string, string> = {
  catalog:
    'catalog: supply offers and producers are created through its HTTP API (the topics carry what it published, not what it was asked), so a replica has no offers to apply allocations to',
  orders:
    'orders: purchase requests are stored by its HTTP API and only their matching inputs are on orders.matching.v1, so a replica has no request rows for the engine to update',
  logistics:
    'logistics: shipments are planned by a wall-clock scheduler (dispatch planning, delay checks), not from the topics alone',
};

/** The services `simpul rebuild` knows, with what each consumes and which read models it compares. */
export const REBUILD_SPECS: Record<string, RebuildSpec> = {
  pricing: {
    service: 'pricing',
    consumes: [
      OfferPublished.type,
      OfferChanged.type,
      OrderConfirmed.type,
      MarketPricesObserved.type,
    ],
    // The ceiling check runs on the wall clock and writes only the replica's ceilings and its
    // outbox (never relayed); once a day is enough (ceilings are not compared, see below).
    env: { CEILING_CHECK_MS: '86400000' },
    tables: [
      {
        table: 'observations',
        key: ['id'],
        columns: [
          'commodity_code',
          'level',
          'region',
          'market',
          'price_idr',
          'observed_at',
          'source',
        ],
        note: 'every price seen: offers (producer, Blitar), order lines (wholesale), market prices (consumer, Jakarta)',
      },
      {
        table: 'daily_aggregates',
        key: ['commodity_code', 'level', 'region', 'day'],
        columns: ['count', 'sum_idr', 'min_idr', 'max_idr', 'last_idr', 'last_at'],
        note: 'per series and day: count, sum, min, max, last',
      },
      {
        table: 'series_statistics',
        key: ['commodity_code', 'level', 'region'],
        // updated_at is the series' latest observation (event time), so it is compared too.
        columns: ['statistics', 'updated_at'],
        note: 'mean, deviation, CV, changes, deviation from the reference, as of the latest observation',
      },
      {
        table: 'alerts',
        key: ['alert_id'],
        // Alert ids are UUID v5 of the series, the raising time and a counter; every time is an
        // event time. Nothing here is processing time.
        columns: [
          'rule',
          'commodity_code',
          'level',
          'region',
          'tier',
          'value',
          'status',
          'message',
          'raised_at',
          'updated_at',
          'resolved_at',
        ],
        note: 'alerts raised, escalated, de-escalated and resolved',
      },
      // Not compared: ceilings and ceiling_changes (derived from reference prices by a wall-clock
      // check, and operator overrides through HTTP: commands, not events — pricing.ceilings.v1 is
      // their output); market_price_log (what the HTTP API accepted, with its recording time);
      // reference_prices (migrations and HTTP).
    ],
  },
};

/** Logical topic names the service consumes, from its event types through the contracts catalog. */
export function consumedTopics(spec: RebuildSpec): string[] {
  const topics = new Set<string>();
  for (const type of spec.consumes) {
    const definition = EVENT_CATALOG.find((d) => d.type === type);
    if (!definition) throw new Error(`${spec.service}: no event type ${type} in the contracts`);
    topics.add(definition.topic.name);
  }
  return [...topics].sort();
}
