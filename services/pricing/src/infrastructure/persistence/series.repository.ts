import type { EntityManager } from 'typeorm';
import type {
  AlertRule,
  DailyAggregate,
  OpenAlert,
  PriceLevel,
  ReferencePrice,
  Region,
  RiseTier,
  SeriesKey,
  SeriesStatistics,
} from '../../domain/monitoring/pricing-types';

const DAY_MS = 86_400_000;
/** 30-day windows plus the week before the oldest week compared. */
const DAYS_NEEDED = 44;

export interface ObservationRow {
  id: string;
  commodityCode: string;
  level: PriceLevel;
  region: Region;
  market: string | null;
  priceIdr: number;
  observedAt: string;
  source: string;
}

/** Observations, daily aggregates, statistics and open alerts, in the caller's transaction. */
export class SeriesRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Saves observations and keeps the daily aggregates of the days they touch. New observations
   * are added to their day's aggregate (count and sum add up, min, max and the latest price
   * compare), so an observation costs the same however many the day already holds. A re-sent
   * one (same id, the price replaced) cannot be added: its day is rebuilt from the stored rows.
   * Either way the aggregate equals one computed from all the day's rows, so a replay agrees.
   * Callers hold the projection lock: no other transaction changes these days meanwhile.
   * Returns the touched series.
   */
  async record(rows: readonly ObservationRow[]): Promise<SeriesKey[]> {
    if (rows.length === 0) return [];
    const days = (await this.manager.query(
      `WITH saved AS (
         INSERT INTO observations (id, commodity_code, level, region, market, price_idr, observed_at, source)
         SELECT id, "commodityCode", level, region, market, "priceIdr", "observedAt", source
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, "commodityCode" text, level text, region text, market text,
              "priceIdr" bigint, "observedAt" timestamptz, source text)
         ON CONFLICT (id) DO UPDATE SET price_idr = EXCLUDED.price_idr, observed_at = EXCLUDED.observed_at
         RETURNING commodity_code, level, region, price_idr, observed_at,
                   date_trunc('day', observed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
                   (xmax = 0) AS inserted),
       added AS (
         INSERT INTO daily_aggregates AS a (commodity_code, level, region, day, count, sum_idr, min_idr, max_idr, last_idr, last_at)
         SELECT commodity_code, level, region, day, count(*), sum(price_idr), min(price_idr), max(price_idr),
                (array_agg(price_idr ORDER BY observed_at DESC, price_idr DESC))[1], max(observed_at)
         FROM saved WHERE inserted
         GROUP BY commodity_code, level, region, day
         ON CONFLICT (commodity_code, level, region, day) DO UPDATE SET
           count = a.count + EXCLUDED.count, sum_idr = a.sum_idr + EXCLUDED.sum_idr,
           min_idr = LEAST(a.min_idr, EXCLUDED.min_idr), max_idr = GREATEST(a.max_idr, EXCLUDED.max_idr),
           last_idr = CASE WHEN (EXCLUDED.last_at, EXCLUDED.last_idr) > (a.last_at, a.last_idr)
                           THEN EXCLUDED.last_idr ELSE a.last_idr END,
           last_at = GREATEST(a.last_at, EXCLUDED.last_at))
       SELECT commodity_code AS c, level AS l, region AS r, day AS d, bool_and(inserted) AS "allNew"
       FROM saved GROUP BY commodity_code, level, region, day`,
      [JSON.stringify(rows)],
    )) as { c: string; l: PriceLevel; r: Region; d: Date; allNew: boolean }[];
    const resent = days.filter((day) => !day.allNew);
    if (resent.length > 0) {
      await this.manager.query(
        `WITH days AS (SELECT c, l, r, d FROM jsonb_to_recordset($1::jsonb) AS x(c text, l text, r text, d timestamptz))
         INSERT INTO daily_aggregates (commodity_code, level, region, day, count, sum_idr, min_idr, max_idr, last_idr, last_at)
         SELECT o.commodity_code, o.level, o.region, days.d, count(*), sum(o.price_idr), min(o.price_idr), max(o.price_idr),
                (array_agg(o.price_idr ORDER BY o.observed_at DESC, o.price_idr DESC))[1], max(o.observed_at)
         FROM days JOIN observations o ON o.commodity_code = days.c AND o.level = days.l AND o.region = days.r
              AND o.observed_at >= days.d AND o.observed_at < days.d + interval '1 day'
         GROUP BY o.commodity_code, o.level, o.region, days.d
         ON CONFLICT (commodity_code, level, region, day) DO UPDATE SET count = EXCLUDED.count, sum_idr = EXCLUDED.sum_idr,
              min_idr = EXCLUDED.min_idr, max_idr = EXCLUDED.max_idr, last_idr = EXCLUDED.last_idr, last_at = EXCLUDED.last_at`,
        [JSON.stringify(resent)],
      );
    }
    const keys = new Map<string, SeriesKey>();
    for (const t of days) {
      keys.set(`${t.c}|${t.l}|${t.r}`, { commodityCode: t.c, level: t.l, region: t.r });
    }
    return [...keys.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, key]) => key);
  }

  /** The series' latest observation time: statistics are as of then, so a replay agrees. */
  async latestObservedAt(key: SeriesKey): Promise<number | null> {
    const [row] = (await this.manager.query(
      'SELECT max(last_at) AS at FROM daily_aggregates WHERE commodity_code = $1 AND level = $2 AND region = $3',
      [key.commodityCode, key.level, key.region],
    )) as { at: Date | null }[];
    return row?.at ? row.at.getTime() : null;
  }

  async aggregates(key: SeriesKey, asOf: number): Promise<DailyAggregate[]> {
    const rows = (await this.manager.query(
      `SELECT day, count, sum_idr, min_idr, max_idr, last_idr, last_at FROM daily_aggregates
       WHERE commodity_code = $1 AND level = $2 AND region = $3 AND day > $4 AND day <= $5 ORDER BY day`,
      [
        key.commodityCode,
        key.level,
        key.region,
        new Date(asOf - DAYS_NEEDED * DAY_MS),
        new Date(asOf),
      ],
    )) as {
      day: Date;
      count: number;
      sum_idr: string;
      min_idr: string;
      max_idr: string;
      last_idr: string;
      last_at: Date;
    }[];
    return rows.map((row) => ({
      day: row.day.getTime(),
      count: Number(row.count),
      sumIdr: Number(row.sum_idr),
      minIdr: Number(row.min_idr),
      maxIdr: Number(row.max_idr),
      lastIdr: Number(row.last_idr),
      lastAt: row.last_at.getTime(),
    }));
  }

  async references(commodityCode: string): Promise<ReferencePrice[]> {
    return referencePricesOf(this.manager, commodityCode);
  }

  async saveStatistics(stats: SeriesStatistics, at: Date): Promise<void> {
    await this.manager.query(
      `INSERT INTO series_statistics (commodity_code, level, region, statistics, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (commodity_code, level, region) DO UPDATE SET statistics = EXCLUDED.statistics, updated_at = EXCLUDED.updated_at`,
      [stats.key.commodityCode, stats.key.level, stats.key.region, JSON.stringify(stats), at],
    );
  }

  async openAlerts(key: SeriesKey): Promise<OpenAlert[]> {
    const rows = (await this.manager.query(
      `SELECT alert_id, rule, tier, value::float AS value, raised_at FROM alerts
       WHERE status = 'open' AND commodity_code = $1 AND level = $2 AND region = $3 ORDER BY rule FOR UPDATE`,
      [key.commodityCode, key.level, key.region],
    )) as {
      alert_id: string;
      rule: AlertRule;
      tier: RiseTier | null;
      value: number;
      raised_at: Date;
    }[];
    return rows.map((row) => ({
      alertId: row.alert_id,
      rule: row.rule,
      key,
      tier: row.tier,
      value: row.value,
      raisedAt: row.raised_at.getTime(),
    }));
  }
}

export async function referencePricesOf(
  manager: EntityManager,
  commodityCode: string,
): Promise<ReferencePrice[]> {
  const rows = (await manager.query(
    `SELECT commodity_code, kind, level, zone, min_idr, max_idr, unit, effective_from, effective_until, regulation
     FROM reference_prices WHERE commodity_code = $1 ORDER BY effective_from, id`,
    [commodityCode],
  )) as {
    commodity_code: string;
    kind: 'HET' | 'HAP';
    level: PriceLevel;
    zone: string;
    min_idr: string;
    max_idr: string;
    unit: string;
    effective_from: Date;
    effective_until: Date | null;
    regulation: string;
  }[];
  return rows.map((row) => ({
    commodityCode: row.commodity_code,
    kind: row.kind,
    level: row.level,
    zone: row.zone,
    minIdr: Number(row.min_idr),
    maxIdr: Number(row.max_idr),
    unit: row.unit,
    effectiveFrom: row.effective_from.getTime(),
    effectiveUntil: row.effective_until ? row.effective_until.getTime() : null,
    regulation: row.regulation,
  }));
}
