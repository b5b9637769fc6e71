import { Injectable } from '@nestjs/common';
import {
  causedBy,
  createEnvelope,
  type EventDefinition,
  type EventEnvelope,
  type OrderConfirmedV1,
  OrderReleased,
  OrderReleaseRefused,
  type OrderReleaseRefusedV1,
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
   * The buyer asked to cancel an order (`cancelling`); logistics decides, because only it knows
   * whether the goods are being loaded. When no line of the order is on a load that has started
   * loading, its waiting lines are dropped, and so are its lines on planned loads (a load left
   * empty fails with that reason): released. Otherwise nothing changes: refused, naming the load.
   * Lines and then their loads are locked, so a load cannot start loading in between.
   */
  async statusChanged(
    event: EventEnvelope<OrderStatusChangedV1>,
    manager: EntityManager,
  ): Promise<void> {
    if (event.data.status !== 'cancelling') return;
    const orderId = event.data.orderId;
    const lines = (await manager.query(
      "SELECT allocation_id, shipment_id FROM lines_to_ship WHERE order_id = $1 AND status <> 'cancelled' ORDER BY allocation_id FOR UPDATE",
      [orderId],
    )) as { allocation_id: string; shipment_id: string | null }[];
    const loadIds = [
      ...new Set(lines.map((line) => line.shipment_id).filter((id): id is string => id !== null)),
    ].sort();
    const loads = (await manager.query(
      'SELECT id, status FROM shipments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [loadIds],
    )) as { id: string; status: string }[];
    const committed = loads.find((load) => !['planned', 'failed'].includes(load.status));
    const answer = <T extends object>(definition: EventDefinition<T>, data: T) =>
      toOutboxRecord(
        definition,
        createEnvelope(definition, {
          source: 'logistics',
          subject: orderId,
          tenantId: event.data.buyerId,
          ...causedBy(event),
          data,
        }),
      );
    if (committed) {
      await appendToOutbox(manager, [
        answer(OrderReleaseRefused, {
          orderId,
          shipmentId: committed.id,
          shipmentStatus: committed.status as OrderReleaseRefusedV1['shipmentStatus'],
          reason: `shipment ${committed.id} is already ${committed.status}`,
        }),
      ]);
      return;
    }
    const reason = event.data.reason ?? 'order cancelled';
    await manager.query(
      "UPDATE lines_to_ship SET status = 'cancelled', last_reason = $2, shipment_id = NULL WHERE allocation_id = ANY($1::uuid[])",
      [lines.map((line) => line.allocation_id), reason],
    );
    const planned = loads.filter((load) => load.status === 'planned').map((load) => load.id);
    for (const shipmentId of planned) await this.emptied(shipmentId, event, manager);
    await appendToOutbox(manager, [
      answer(OrderReleased, { orderId, shipmentIds: planned, reason }),
    ]);
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
