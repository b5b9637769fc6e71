import {
  createEnvelope,
  type EnvelopeInput,
  OrderStatusChanged,
  type OrderStatus,
} from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import type { EntityManager } from 'typeorm';

export interface LockedOrder {
  id: string;
  buyer_id: string;
  commodity_code: string;
  status: OrderStatus;
}

export async function lockOrder(
  manager: EntityManager,
  id: string,
): Promise<LockedOrder | undefined> {
  const [row] = (await manager.query(
    'SELECT id, buyer_id, commodity_code, status FROM orders WHERE id = $1 FOR UPDATE',
    [id],
  )) as LockedOrder[];
  return row;
}

/** Moves an order to a new status and announces it, in the caller's transaction. */
export async function changeOrderStatus(
  manager: EntityManager,
  order: LockedOrder,
  status: OrderStatus,
  reason: string | null,
  cause: Pick<EnvelopeInput<unknown>, 'correlationId' | 'causationId'> = {},
  extra: { shipmentId?: string } = {},
): Promise<void> {
  await manager.query(
    `UPDATE orders SET status = $2, status_reason = $3, updated_at = now(),
            shipment_id = COALESCE($4, shipment_id) WHERE id = $1`,
    [order.id, status, reason, extra.shipmentId ?? null],
  );
  const envelope = createEnvelope(OrderStatusChanged, {
    source: 'orders',
    subject: order.id,
    tenantId: order.buyer_id,
    ...cause,
    data: { orderId: order.id, buyerId: order.buyer_id, status, ...(reason ? { reason } : {}) },
  });
  await appendToOutbox(manager, [toOutboxRecord(OrderStatusChanged, envelope)]);
}
