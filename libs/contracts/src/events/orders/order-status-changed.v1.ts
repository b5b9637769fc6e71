import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

export const ORDER_STATUSES = [
  'confirmed',
  'in_fulfilment',
  'delivered',
  'partially_delivered',
  'closed',
  /** The buyer asked to cancel; logistics decides whether the goods can still stay home. */
  'cancelling',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * An order moved on: a shipment was planned, it was delivered, closed, or cancelled. A
 * cancellation takes two steps: `cancelling` when the buyer asks, then `cancelled` once logistics
 * has taken the order off every load (logistics.order.released), or back to `in_fulfilment` when
 * a load carrying it has already started loading (logistics.order.release-refused).
 */
export class OrderStatusChangedV1 {
  @IsUUID('all')
  orderId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  buyerId: string;

  @IsIn(ORDER_STATUSES)
  status: OrderStatus;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export const OrderStatusChanged = defineEvent({
  type: 'orders.order.status-changed',
  version: 1,
  topic: TOPICS.ordersOrders,
  payload: OrderStatusChangedV1,
  key: (payload: OrderStatusChangedV1) => payload.orderId,
  description:
    'An order changed state (in fulfilment, delivered in full or part, closed, cancelling, cancelled).',
});
