import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dailyMean } from '../../domain/monitoring/daily-aggregates';
import type { SeriesStatistics } from '../../domain/monitoring/pricing-types';
import { referenceForSeries } from '../../domain/monitoring/reference-prices';
import { type PriceSpread, spreadBetween } from '../../domain/monitoring/series-statistics';
import { referencePricesOf } from '../../infrastructure/persistence/series.repository';

export interface StatusEntry {
  commodityCode: string;
  level: string;
  region: string;
  latestIdr: number | null;
  cv30Percent: number | null;
  weekOverWeekPercent: number | null;
  deviationFromReferencePercent: number | null;
  reference: { kind: string; minIdr: number; maxIdr: number; regulation: string } | null;
  /** The tier of the open price-rise alert, if any. */
  tier: string | null;
  openAlerts: number;
  asOf: string;
  /** On Jakarta consumer series: how far above the Blitar producer price, in rupiah and percent. */
  spreadFromBlitarProducer: PriceSpread | null;
}

export interface SeriesPoint {
  day: string;
  meanIdr: number;
  minIdr: number;
  maxIdr: number;
  observations: number;
  /** Mean of the daily means of the 7 days ending that day (days without prices skipped). */
  rollingMean7Idr: number;
  referenceMinIdr: number | null;
  referenceMaxIdr: number | null;
}

const DAY_MS = 86_400_000;

/** Read models for people and charts: the status board, a series, the alert list. */
@Injectable()
export class PriceQueries {
  constructor(private readonly dataSource: DataSource) {}

  async statusBoard(): Promise<StatusEntry[]> {
    const rows = await this.dataSource.query(
      `SELECT s.statistics, s.updated_at,
              (SELECT a.tier FROM alerts a WHERE a.status = 'open' AND a.rule = 'PRICE_RISE' AND a.commodity_code = s.commodity_code
                 AND a.level = s.level AND a.region = s.region) AS tier,
              (SELECT count(*)::int FROM alerts a WHERE a.status = 'open' AND a.commodity_code = s.commodity_code
                 AND a.level = s.level AND a.region = s.region) AS open_alerts
       FROM series_statistics s ORDER BY s.commodity_code, s.level, s.region`,
    );
    /* eslint-disable @typescript-eslint/no-explicit-any -- raw rows of the query above */
    const all: { row: any; stats: SeriesStatistics }[] = rows.map((row: any) => ({
      row,
      stats: row.statistics as SeriesStatistics,
    }));
    /* eslint-enable @typescript-eslint/no-explicit-any */
    const producerAtBlitar = new Map(
      all
        .filter(({ stats }) => stats.key.level === 'producer' && stats.key.region === 'blitar')
        .map(({ stats }) => [stats.key.commodityCode, stats]),
    );
    return all.map(({ row, stats }) => {
      const ref = stats.reference;
      const producer = producerAtBlitar.get(stats.key.commodityCode);
      const consumerInJakarta = stats.key.level === 'consumer' && stats.key.region === 'jakarta';
      return {
        ...stats.key,
        latestIdr: stats.latestIdr,
        cv30Percent: stats.window30.cvPercent,
        weekOverWeekPercent: stats.weekOverWeekPercent,
        deviationFromReferencePercent: stats.deviationFromReferencePercent,
        reference: ref
          ? { kind: ref.kind, minIdr: ref.minIdr, maxIdr: ref.maxIdr, regulation: ref.regulation }
          : null,
        tier: row.tier,
        openAlerts: row.open_alerts,
        asOf: new Date(row.updated_at).toISOString(),
        spreadFromBlitarProducer:
          consumerInJakarta && producer ? spreadBetween(producer, stats) : null,
      };
    });
  }

  async series(
    commodityCode: string,
    level: string,
    region: string,
    days: number,
  ): Promise<SeriesPoint[]> {
    const rows = (await this.dataSource.query(
      `SELECT day, count, sum_idr, min_idr, max_idr, last_idr, last_at FROM daily_aggregates
       WHERE commodity_code = $1 AND level = $2 AND region = $3 ORDER BY day DESC LIMIT $4`,
      [commodityCode, level, region, days + 6],
    )) as {
      day: Date;
      count: number;
      sum_idr: string;
      min_idr: string;
      max_idr: string;
      last_idr: string;
      last_at: Date;
    }[];
    const aggregates = rows.reverse().map((r) => ({
      day: r.day.getTime(),
      count: Number(r.count),
      sumIdr: Number(r.sum_idr),
      minIdr: Number(r.min_idr),
      maxIdr: Number(r.max_idr),
      lastIdr: Number(r.last_idr),
      lastAt: r.last_at.getTime(),
    }));
    const references = await referencePricesOf(this.dataSource.manager, commodityCode);
    const key = { commodityCode, level: level as never, region: region as never };
    return aggregates.slice(-days).map((aggregate) => {
      const week = aggregates.filter(
        (a) => a.day > aggregate.day - 7 * DAY_MS && a.day <= aggregate.day,
      );
      const rolling = week.reduce((sum, a) => sum + dailyMean(a), 0) / week.length;
      const reference = referenceForSeries(references, key, aggregate.day);
      return {
        day: new Date(aggregate.day).toISOString().slice(0, 10),
        meanIdr: dailyMean(aggregate),
        minIdr: aggregate.minIdr,
        maxIdr: aggregate.maxIdr,
        observations: aggregate.count,
        rollingMean7Idr: rolling,
        referenceMinIdr: reference?.minIdr ?? null,
        referenceMaxIdr: reference?.maxIdr ?? null,
      };
    });
  }

  async alerts(filter: {
    status?: string;
    commodityCode?: string;
    rule?: string;
    tier?: string;
    limit: number;
  }) {
    const rows = await this.dataSource.query(
      `SELECT alert_id, rule, commodity_code, level, region, tier, value::float AS value, status, message, raised_at,
              updated_at, resolved_at FROM alerts
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR commodity_code = $2)
         AND ($3::text IS NULL OR rule = $3) AND ($4::text IS NULL OR tier = $4)
       ORDER BY updated_at DESC, alert_id LIMIT $5`,
      [
        filter.status ?? null,
        filter.commodityCode ?? null,
        filter.rule ?? null,
        filter.tier ?? null,
        filter.limit,
      ],
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows of alerts
    return rows.map((row: any) => ({
      alertId: row.alert_id,
      rule: row.rule,
      commodityCode: row.commodity_code,
      level: row.level,
      region: row.region,
      tier: row.tier,
      value: row.value,
      status: row.status,
      message: row.message,
      raisedAt: new Date(row.raised_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    }));
  }
}
