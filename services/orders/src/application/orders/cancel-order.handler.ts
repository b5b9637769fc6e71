import { Injectable } from '@nestjs/common';
import {
  causedBy,
  createEnvelope,
  type EventEnvelope,
  MatchingAllocationsReleased,
  type OrderReleaseRefusedV1,
  type OrderReleasedV1,
} from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { assertMayRead } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';
import { changeOrderStatus, lockOrder } from './order-status';

/** An order can be asked to cancel until a load carrying it starts loading. */
const CANCELLABLE = ['confirmed', 'in_fulfilment'];

/**
 * Cancels an order in two steps, because logistics, not orders, knows whether its goods are
 * already being loaded. The buyer's request moves the order to `cancelling` (announced on
 * orders.orders.v1, keyed by order, so logistics sees it after the order's confirmation).
 * Logistics answers: released — the order is cancelled and its allocations go back to the book
 * through the commodity's sequence, and from there to the catalog; refused — a load carrying it
 * has started loading, and the order returns to `in_fulfilment` on that shipment.
 */
@Injectable()
export class CancelOrderHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(orderId: string, reason: string, actor: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await lockOrder(manager, orderId);
      if (!order) throw new AppError(ORDERS_ERRORS.orderNotFound, `no order ${orderId}`, 404);
      assertMayRead(actor, order.buyer_id, 'order');
      if (!CANCELLABLE.includes(order.status)) {
        throw new AppError(
          ORDERS_ERRORS.orderNotCancellable,
          `only a confirmed order or one in fulfilment can be cancelled; this one is ${order.status.replace('_', ' ')}`,
          409,
        );
      }
      await changeOrderStatus(manager, order, 'cancelling', reason);
    });
  }

  /** Logistics took the order off every load: it is cancelled and its quantity goes back. */
  async released(event: EventEnvelope<OrderReleasedV1>, manager: EntityManager): Promise<void> {
    const order = await lockOrder(manager, event.data.orderId);
    if (!order || order.status !== 'cancelling') return;
    // Logistics echoes the buyer's reason from the `cancelling` status it answered.
    const { reason } = event.data;
    const lines = (await manager.query(
      'SELECT allocation_id, offer_id, quantity::float AS amount FROM order_lines WHERE order_id = $1 ORDER BY allocation_id',
      [order.id],
    )) as { allocation_id: string; offer_id: string; amount: number }[];
    await changeOrderStatus(manager, order, 'cancelled', reason, causedBy(event));
    const release = createEnvelope(MatchingAllocationsReleased, {
      source: 'orders',
      subject: order.id,
      tenantId: order.buyer_id,
      ...causedBy(event),
      data: {
        orderId: order.id,
        commodityCode: order.commodity_code,
        allocations: lines.map((l) => ({
          allocationId: l.allocation_id,
          offerId: l.offer_id,
          amount: l.amount,
        })),
        reason: `order cancelled: ${reason}`,
      },
    });
    await appendToOutbox(manager, [toOutboxRecord(MatchingAllocationsReleased, release)]);
  }

  /** Too late: a load carrying the order has started loading. It stays in fulfilment. */
  async refused(
    event: EventEnvelope<OrderReleaseRefusedV1>,
    manager: EntityManager,
  ): Promise<void> {
    const order = await lockOrder(manager, event.data.orderId);
    if (!order || order.status !== 'cancelling') return;
    await changeOrderStatus(
      manager,
      order,
      'in_fulfilment',
      `cancellation refused: ${event.data.reason}`,
      causedBy(event),
      { shipmentId: event.data.shipmentId },
    );
  }
}
