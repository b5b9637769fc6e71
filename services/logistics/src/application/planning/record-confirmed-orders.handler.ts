import { Injectable } from '@nestjs/common';
import {
  causedBy,
  createEnvelope,
  type EventEnvelope,
  type OrderConfirmedV1,
  type OrderStatusChangedV1,
  ShipmentFailed,
} from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import type { EntityManager } from 'typeorm';

/**
 * Confirmed orders become lines waiting for a load. Inserted once per allocation: the inbox
 * skips a redelivered event, and the key skips a line seen through another path.
 */
@Injectable()
export class RecordConfirmedOrdersHandler {
  async confirmed(
    events: readonly EventEnvelope<OrderConfirmedV1>[],
    manager: EntityManager,
  ): Promise<void> {
    const rows = events.flatMap((event) =>
      event.data.lines.map((line) => ({
        allocation_id: line.allocationId,
        order_id: event.data.orderId,
        buyer_id: event.data.buyerId,
        destination_code: event.data.destinationCode,
        commodity_code: event.data.commodityCode,
        amount: line.quantity.amount,
        unit: line.quantity.unit,
        ready_at: line.availableFrom ?? event.time,
        deliver_by: event.data.deliverBy,
        best_before: line.bestBefore ?? null,
        min_shelf_life_hours: event.data.minShelfLifeHoursOnArrival ?? 0,
        status: 'pending',
        received_at: event.time,
      })),
    );
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO lines_to_ship (allocation_id, order_id, buyer_id, destination_code, commodity_code, amount, unit,
         ready_at, deliver_by, best_before, min_shelf_life_hours, status, received_at)
       SELECT allocation_id, order_id, buyer_id, destination_code, commodity_code, amount, unit, ready_at, deliver_by,
              best_before, min_shelf_life_hours, status, received_at
       FROM jsonb_to_recordset($1::jsonb) AS x(allocation_id uuid, order_id uuid, buyer_id text, destination_code text,
            commodity_code text, amount numeric, unit text, ready_at timestamptz, deliver_by timestamptz,
            best_before timestamptz, min_shelf_life_hours int, status text, received_at timestamptz)
       ON CONFLICT (allocation_id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * A cancelled order leaves: its waiting lines are dropped, and so are its lines on a load that
   * has not started loading (orders may cancel before it hears of the plan). A load left empty
   * fails with that reason. Lines already loading or on the road stay: it is too late.
   */
  async statusChanged(
    event: EventEnvelope<OrderStatusChangedV1>,
    manager: EntityManager,
  ): Promise<void> {
    if (event.data.status !== 'cancelled') return;
    const reason = event.data.reason ?? 'order cancelled';
    const leaving = (await manager.query(
      `SELECT l.allocation_id, l.shipment_id FROM lines_to_ship l LEFT JOIN shipments s ON s.id = l.shipment_id
       WHERE l.order_id = $1 AND (l.status IN ('pending', 'unplannable') OR (l.status = 'planned' AND s.status = 'planned'))
       FOR UPDATE OF l`,
      [event.data.orderId],
    )) as { allocation_id: string; shipment_id: string | null }[];
    await manager.query(
      "UPDATE lines_to_ship SET status = 'cancelled', last_reason = $2, shipment_id = NULL WHERE allocation_id = ANY($1::uuid[])",
      [leaving.map((line) => line.allocation_id), reason],
    );
    const shipments = [
      ...new Set(leaving.map((row) => row.shipment_id).filter((id): id is string => id !== null)),
    ];
    for (const shipmentId of shipments.sort()) await this.emptied(shipmentId, event, manager);
  }

  private async emptied(
    shipmentId: string,
    event: EventEnvelope<OrderStatusChangedV1>,
    manager: EntityManager,
  ) {
    const [{ left }] = await manager.query(
      'SELECT count(*)::int AS left FROM lines_to_ship WHERE shipment_id = $1',
      [shipmentId],
    );
    if (left > 0) return;
    const reason = 'every order on it was cancelled before loading';
    await manager.query(
      "UPDATE shipments SET status = 'failed', status_reason = $2, updated_at = now() WHERE id = $1",
      [shipmentId, reason],
    );
    const [{ buyer_id: buyerId }] = await manager.query(
      'SELECT buyer_id FROM shipments WHERE id = $1',
      [shipmentId],
    );
    const data = { shipmentId, orderIds: [event.data.orderId], reason, failedAt: event.time };
    const envelope = createEnvelope(ShipmentFailed, {
      source: 'logistics',
      subject: shipmentId,
      tenantId: buyerId,
      data,
      ...causedBy(event),
    });
    await appendToOutbox(manager, [toOutboxRecord(ShipmentFailed, envelope)]);
  }
}
