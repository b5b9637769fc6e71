import { Injectable, Logger } from '@nestjs/common';
import {
  causedBy,
  type EventEnvelope,
  type ShipmentDeliveredV1,
  type ShipmentFailedV1,
  type ShipmentPlannedV1,
} from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { changeOrderStatus, lockOrder } from './order-status';

/** Shipment events from logistics move orders through fulfilment. */
@Injectable()
export class RecordFulfilmentHandler {
  private readonly logger = new Logger(RecordFulfilmentHandler.name);

  async planned(event: EventEnvelope<ShipmentPlannedV1>, manager: EntityManager): Promise<void> {
    for (const orderId of event.data.orderIds) {
      const order = await lockOrder(manager, orderId);
      if (!order || order.status !== 'confirmed') {
        this.logger.warn(
          `shipment ${event.data.shipmentId} plans order ${orderId}, which is ${order?.status ?? 'unknown'}`,
        );
        continue;
      }
      const reason = `shipment ${event.data.shipmentId} planned, ETA ${event.data.eta}`;
      await changeOrderStatus(manager, order, 'in_fulfilment', reason, causedBy(event), {
        shipmentId: event.data.shipmentId,
      });
    }
  }

  async delivered(
    event: EventEnvelope<ShipmentDeliveredV1>,
    manager: EntityManager,
  ): Promise<void> {
    const rejectedByOrder = new Map<string, number>();
    for (const line of event.data.lines) {
      await manager.query(
        'UPDATE order_lines SET received = $2, rejected = $3, rejection_reason = $4 WHERE allocation_id = $1',
        [line.allocationId, line.receivedAmount, line.rejectedAmount, line.rejectionReason ?? null],
      );
      rejectedByOrder.set(
        line.orderId,
        (rejectedByOrder.get(line.orderId) ?? 0) + line.rejectedAmount,
      );
    }
    for (const [orderId, rejected] of rejectedByOrder) {
      const order = await lockOrder(manager, orderId);
      if (!order || order.status !== 'in_fulfilment') continue;
      const status = rejected > 0 ? 'partially_delivered' : 'delivered';
      await changeOrderStatus(
        manager,
        order,
        status,
        `delivered by shipment ${event.data.shipmentId}`,
        causedBy(event),
      );
    }
  }

  async failed(event: EventEnvelope<ShipmentFailedV1>, manager: EntityManager): Promise<void> {
    for (const orderId of event.data.orderIds) {
      const order = await lockOrder(manager, orderId);
      if (!order || order.status !== 'in_fulfilment') continue;
      const reason = `shipment ${event.data.shipmentId} failed: ${event.data.reason}; to be planned again`;
      await changeOrderStatus(manager, order, 'confirmed', reason, causedBy(event));
    }
  }
}
