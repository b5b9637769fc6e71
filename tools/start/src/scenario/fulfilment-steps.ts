import { asBumd } from './api-client';
import type { ScenarioContext } from './scenario-context';
import { getOrder, type ShipmentView } from './service-views';
import { waitFor } from './wait-for';

const RECEIVED = ['delivered', 'partially_delivered'];

/**
 * Once the orders service has recorded a delivery, the BUMD confirms receipt and closes the
 * order. An order that is not delivered (say, cancelled while its load was planned) is left
 * as it is: the summary's checks report it.
 */
export async function closeDeliveredOrders(
  ctx: ScenarioContext,
  shipments: readonly ShipmentView[],
): Promise<void> {
  const orderIds = [
    ...new Set(shipments.flatMap((s) => (s.lines ?? []).map((line) => line.orderId))),
  ].sort();
  await Promise.all(orderIds.map((id) => closeWhenDelivered(ctx, id)));
}

async function closeWhenDelivered(ctx: ScenarioContext, orderId: string): Promise<void> {
  const order = await waitFor(
    `the orders service recording the delivery of order ${orderId}`,
    async (note) => {
      const current = await getOrder(ctx, orderId);
      if (RECEIVED.includes(current.status) || ['closed', 'cancelled'].includes(current.status))
        return current;
      note(current.status);
      return undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  if (!RECEIVED.includes(order.status)) return;
  await ctx.apis.orders.post(`/orders/${orderId}/close`, {}, asBumd(order.buyerId));
  ctx.state.closedOrders.add(orderId);
}
