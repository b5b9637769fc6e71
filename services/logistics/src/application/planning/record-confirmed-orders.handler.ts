import { Injectable } from '@nestjs/common';
import type { EventEnvelope, OrderConfirmedV1, OrderStatusChangedV1 } from '@simpul/contracts';
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

  /** A cancelled order's lines that wait for a load are dropped; planned ones stay with their load. */
  async statusChanged(
    event: EventEnvelope<OrderStatusChangedV1>,
    manager: EntityManager,
  ): Promise<void> {
    if (event.data.status !== 'cancelled') return;
    await manager.query(
      "UPDATE lines_to_ship SET status = 'cancelled', last_reason = $2 WHERE order_id = $1 AND status IN ('pending', 'unplannable')",
      [event.data.orderId, event.data.reason ?? 'order cancelled'],
    );
  }
}
