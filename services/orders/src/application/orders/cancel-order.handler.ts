import { Injectable } from '@nestjs/common';
import { createEnvelope, MatchingAllocationsReleased } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { assertMayRead } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';
import { changeOrderStatus, lockOrder } from './order-status';

/**
 * Cancels an order before dispatch (no shipment planned yet) and sends its allocations back to
 * the book through the commodity's sequence; the engine then releases them to the catalog.
 */
@Injectable()
export class CancelOrderHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(orderId: string, reason: string, actor: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await lockOrder(manager, orderId);
      if (!order) throw new AppError(ORDERS_ERRORS.orderNotFound, `no order ${orderId}`, 404);
      assertMayRead(actor, order.buyer_id, 'order');
      if (order.status !== 'confirmed') {
        throw new AppError(
          ORDERS_ERRORS.orderNotCancellable,
          `only a confirmed order can be cancelled; this one is ${order.status.replace('_', ' ')}`,
          409,
        );
      }
      const lines = (await manager.query(
        'SELECT allocation_id, offer_id, quantity::float AS amount FROM order_lines WHERE order_id = $1 ORDER BY allocation_id',
        [orderId],
      )) as { allocation_id: string; offer_id: string; amount: number }[];
      await changeOrderStatus(manager, order, 'cancelled', reason);
      const release = createEnvelope(MatchingAllocationsReleased, {
        source: 'orders',
        subject: orderId,
        tenantId: order.buyer_id,
        data: {
          orderId,
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
    });
  }
}
