import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { conditionsOf } from '../../domain/monitoring/alert-rules';
import { reconcile } from '../../domain/monitoring/alert-book';
import { referenceForSeries } from '../../domain/monitoring/reference-prices';
import { computeStatistics } from '../../domain/monitoring/series-statistics';
import type { SeriesKey } from '../../domain/monitoring/pricing-types';
import {
  type ObservationRow,
  SeriesRepository,
} from '../../infrastructure/persistence/series.repository';
import { AlertRecorder } from '../alerts/alert-recorder';

// Alert ids follow from the series, rule and raising time: a replay names them alike.
const ALERT_NAMESPACE = '8d0f6a52-3b1c-4e7d-9a26-5c4b3e2f1a09';

/**
 * Transaction-level advisory lock that serialises the projection. The orders of one wholesale
 * series arrive on several partitions (orders.orders.v1 is keyed by order id), which the consumer
 * applies in concurrent transactions; each recomputes the day's aggregate from the observations it can see,
 * so without the lock two of them could each miss the other's rows and the last to commit would
 * leave a stale count (`simpul rebuild pricing` found it). One lock, so no deadlock.
 */
const PROJECTION_LOCK = 7_346_170_001;

/**
 * The price projection: observations → daily aggregates → statistics → alerts, in the
 * transaction of the events that brought the observations. Statistics are computed as of the
 * series' latest observation, never the wall clock, so replaying the events gives the same.
 */
@Injectable()
export class ProjectObservationsHandler {
  /**
   * Applies events one by one: alerts are decided on the state after each event, so a replay
   * (which reads in bigger batches than the live run did) passes through the same states.
   */
  async executeEach(perEvent: readonly ObservationRow[][], manager: EntityManager): Promise<void> {
    for (const rows of perEvent) await this.execute(rows, manager);
  }

  async execute(rows: readonly ObservationRow[], manager: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_LOCK]);
    const series = new SeriesRepository(manager);
    const alerts = new AlertRecorder(manager);
    for (const key of await series.record(rows)) {
      await this.refresh(key, series, alerts);
    }
    await alerts.flush();
  }

  private async refresh(key: SeriesKey, series: SeriesRepository, alerts: AlertRecorder) {
    const asOf = await series.latestObservedAt(key);
    if (asOf === null) return;
    const references = await series.references(key.commodityCode);
    const reference = referenceForSeries(references, key, asOf);
    const stats = computeStatistics(key, await series.aggregates(key, asOf), asOf, reference);
    await series.saveStatistics(stats, new Date(asOf));
    const open = await series.openAlerts(key);
    let raised = 0;
    const nextId = () =>
      uuidv5(
        `${key.commodityCode}|${key.level}|${key.region}|${asOf}|${++raised}`,
        ALERT_NAMESPACE,
      );
    const transitions = reconcile(open, conditionsOf(stats), key, asOf, nextId);
    alerts.add(transitions, asOf);
  }
}
