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

/** Locks several orders, in id order (so two transactions never wait on each other in a ring). */
export async function lockOrders(
  manager: EntityManager,
  ids: readonly string[],
): Promise<LockedOrder[]> {
  if (ids.length === 0) return [];
  return (await manager.query(
    'SELECT id, buyer_id, commodity_code, status FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
    [ids],
  )) as LockedOrder[];
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
  await changeOrdersStatus(manager, [order], status, reason, cause, extra);
}

/**
 * Moves locked orders to one new status with one statement and announces each (one outbox insert
 * for all): what a planned load of many orders needs.
 */
export async function changeOrdersStatus(
  manager: EntityManager,
  orders: readonly LockedOrder[],
  status: OrderStatus,
  reason: string | null,
  cause: Pick<EnvelopeInput<unknown>, 'correlationId' | 'causationId'> = {},
  extra: { shipmentId?: string } = {},
): Promise<void> {
  if (orders.length === 0) return;
  await manager.query(
    `UPDATE orders SET status = $2, status_reason = $3, updated_at = now(),
            shipment_id = COALESCE($4, shipment_id) WHERE id = ANY($1::uuid[])`,
    [orders.map((order) => order.id), status, reason, extra.shipmentId ?? null],
  );
  await appendToOutbox(
    manager,
    orders.map((order) =>
      toOutboxRecord(
        OrderStatusChanged,
        createEnvelope(OrderStatusChanged, {
          source: 'orders',
          subject: order.id,
          tenantId: order.buyer_id,
          ...cause,
          data: {
            orderId: order.id,
            buyerId: order.buyer_id,
            status,
            ...(reason ? { reason } : {}),
          },
        }),
      ),
    ),
  );
}
