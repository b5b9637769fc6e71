import { Injectable, Logger } from '@nestjs/common';
import {
  causedBy,
  type EventEnvelope,
  type ShipmentDeliveredV1,
  type ShipmentFailedV1,
  type ShipmentPlannedV1,
} from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { changeOrdersStatus, type LockedOrder, lockOrders } from './order-status';

/** Shipment events from logistics move orders through fulfilment. */
@Injectable()
export class RecordFulfilmentHandler {
  private readonly logger = new Logger(RecordFulfilmentHandler.name);

  /** A planned load moves its confirmed orders into fulfilment: one lock, one update, one insert. */
  async planned(event: EventEnvelope<ShipmentPlannedV1>, manager: EntityManager): Promise<void> {
    const { shipmentId } = event.data;
    const orders = await lockOrders(manager, event.data.orderIds);
    const confirmed = orders.filter((order) => order.status === 'confirmed');
    // Logistics answers a cancellation (released or refused); the load is noted meanwhile.
    const cancelling = orders.filter((order) => order.status === 'cancelling');
    if (cancelling.length > 0) {
      await manager.query('UPDATE orders SET shipment_id = $2 WHERE id = ANY($1::uuid[])', [
        cancelling.map((order) => order.id),
        shipmentId,
      ]);
    }
    const found = new Map(orders.map((order) => [order.id, order.status]));
    for (const orderId of event.data.orderIds) {
      const status = found.get(orderId);
      if (status !== 'confirmed' && status !== 'cancelling') {
        this.logger.warn(
          `shipment ${shipmentId} plans order ${orderId}, which is ${status ?? 'unknown'}`,
        );
      }
    }
    const reason = `shipment ${shipmentId} planned, ETA ${event.data.eta}`;
    await changeOrdersStatus(manager, confirmed, 'in_fulfilment', reason, causedBy(event), {
      shipmentId,
    });
  }

  /** A delivered load: its lines' received and rejected amounts, then its orders, per outcome. */
  async delivered(
    event: EventEnvelope<ShipmentDeliveredV1>,
    manager: EntityManager,
  ): Promise<void> {
    const { lines } = event.data;
    await manager.query(
      `UPDATE order_lines l SET received = x.received, rejected = x.rejected, rejection_reason = x.reason
       FROM jsonb_to_recordset($1::jsonb) AS x(allocation_id uuid, received numeric, rejected numeric, reason text)
       WHERE l.allocation_id = x.allocation_id`,
      [
        JSON.stringify(
          lines.map((line) => ({
            allocation_id: line.allocationId,
            received: line.receivedAmount,
            rejected: line.rejectedAmount,
            reason: line.rejectionReason ?? null,
          })),
        ),
      ],
    );
    const rejectedByOrder = new Map<string, number>();
    for (const line of lines) {
      rejectedByOrder.set(
        line.orderId,
        (rejectedByOrder.get(line.orderId) ?? 0) + line.rejectedAmount,
      );
    }
    // Delivered while cancelling: logistics refused (the load had left); its answer may come
    // second, from another partition, and then finds the order delivered and does nothing.
    const orders = (await lockOrders(manager, [...rejectedByOrder.keys()])).filter((order) =>
      ['in_fulfilment', 'cancelling'].includes(order.status),
    );
    const reason = `delivered by shipment ${event.data.shipmentId}`;
    const partly = (order: LockedOrder) => (rejectedByOrder.get(order.id) ?? 0) > 0;
    await changeOrdersStatus(
      manager,
      orders.filter((order) => !partly(order)),
      'delivered',
      reason,
      causedBy(event),
    );
    await changeOrdersStatus(
      manager,
      orders.filter(partly),
      'partially_delivered',
      reason,
      causedBy(event),
    );
  }

  /** A failed load: its orders in fulfilment wait for a new plan. */
  async failed(event: EventEnvelope<ShipmentFailedV1>, manager: EntityManager): Promise<void> {
    const orders = (await lockOrders(manager, event.data.orderIds)).filter(
      (order) => order.status === 'in_fulfilment',
    );
    const reason = `shipment ${event.data.shipmentId} failed: ${event.data.reason}; to be planned again`;
    await changeOrdersStatus(manager, orders, 'confirmed', reason, causedBy(event));
  }
}
