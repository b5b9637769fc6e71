import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@simpul/platform';
import { createEnvelope, ShipmentDelayed } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { DataSource } from 'typeorm';
import { delayToReport } from '../../domain/shipment/shipment';
import { progressOf, type ShipmentRow } from './shipment-access';

export const DELAY_CHECK_INTERVAL_MS = Symbol('DELAY_CHECK_INTERVAL_MS');

/**
 * Raises `logistics.shipment.delayed` for shipments past their ETA — once per ETA: the ETA a
 * delay was reported for is saved with the event, so later checks stay quiet until it moves.
 */
@Injectable()
export class DelayCheckJob extends PeriodicTask {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DELAY_CHECK_INTERVAL_MS) intervalMs: number,
  ) {
    super('DelayCheck', intervalMs);
  }

  protected round(): Promise<unknown> {
    return this.check(Date.now());
  }

  /** Reports what is overdue at `now`; returns how many delays it raised. */
  async check(now: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT * FROM shipments WHERE status IN ('planned', 'loading', 'departed') AND eta < $1
         AND delay_reported_for_eta IS DISTINCT FROM eta ORDER BY id FOR UPDATE SKIP LOCKED`,
        [new Date(now).toISOString()],
      )) as ShipmentRow[];
      const due = rows.filter((row) => delayToReport(progressOf(row), now));
      for (const row of due) {
        await manager.query('UPDATE shipments SET delay_reported_for_eta = eta WHERE id = $1', [
          row.id,
        ]);
        const orderIds = (
          (await manager.query(
            'SELECT DISTINCT order_id FROM lines_to_ship WHERE shipment_id = $1 ORDER BY order_id',
            [row.id],
          )) as { order_id: string }[]
        ).map((r) => r.order_id);
        const overdueMinutes = Math.round((now - row.eta.getTime()) / 60_000);
        const data = {
          shipmentId: row.id,
          orderIds,
          eta: row.eta.toISOString(),
          reason: `${overdueMinutes} min past its ETA while ${row.status}`,
          detectedAt: new Date(now).toISOString(),
        };
        const envelope = createEnvelope(ShipmentDelayed, {
          source: 'logistics',
          subject: row.id,
          tenantId: row.buyer_id,
          data,
        });
        await appendToOutbox(manager, [toOutboxRecord(ShipmentDelayed, envelope)]);
      }
      return due.length;
    });
  }
}
