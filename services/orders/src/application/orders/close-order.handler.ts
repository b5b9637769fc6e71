import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { assertMayRead } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';
import { changeOrderStatus, lockOrder } from './order-status';

/** The buyer accepts a delivered order (in full or in part) and closes it. */
@Injectable()
export class CloseOrderHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(orderId: string, actor: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await lockOrder(manager, orderId);
      if (!order) throw new AppError(ORDERS_ERRORS.orderNotFound, `no order ${orderId}`, 404);
      assertMayRead(actor, order.buyer_id, 'order');
      if (order.status !== 'delivered' && order.status !== 'partially_delivered') {
        throw new AppError(
          ORDERS_ERRORS.orderNotClosable,
          `only a delivered order can be closed; this one is ${order.status.replace('_', ' ')}`,
          409,
        );
      }
      await changeOrderStatus(manager, order, 'closed', 'receipt confirmed by the buyer');
    });
  }
}
