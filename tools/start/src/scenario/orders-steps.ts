import { ApiError, asBumd } from './api-client';
import type { RequestPlan } from './day-plan';
import { inLanes } from './lanes';
import type { ScenarioContext, UnfilledReason } from './scenario-context';
import type { OrderView } from './service-views';
import { waitFor } from './wait-for';

const HOUR_MS = 3_600_000;

export interface RequestView {
  id: string;
  buyerId: string;
  commodityCode: string;
  quantity: { amount: number; unit: string };
  filledAmount: number;
  status: string;
  unfilledReasons: UnfilledReason[];
  orderIds: string[];
  submittedAt: string;
}

/** The engine has seen a request once it is (partly) matched or says why it waits. */
export const processed = (request: RequestView) =>
  request.status !== 'open' || request.unfilledReasons.length > 0;

/**
 * Places the BUMDs' requests, one commodity's in plan order. While the scenario still owes a
 * cancellation, the day's candidate comes last, once the rest is matched: its buyer cancels
 * its order the moment it is confirmed, on a quiet system, so that the cancellation reaches
 * logistics before the planner's next round as often as possible (see cancelOnceConfirmed).
 */
export async function submitRequests(
  ctx: ScenarioContext,
  day: number,
  requests: readonly RequestPlan[],
): Promise<string[]> {
  const wanted = ctx.state.cancellation === null && day >= ctx.plan.cancelDay;
  const candidate = wanted ? requests.find((r) => r.cancelCandidate) : undefined;
  const others = requests.filter((r) => r !== candidate);
  const ids = await inLanes(
    others,
    (request) => request.commodityCode,
    (request) => submitRequest(ctx, request),
  );
  ctx.state.requestIds.push(...ids);
  if (!candidate) return ids;
  await waitProcessed(ctx, ids);
  const id = await submitRequest(ctx, candidate);
  ctx.state.requestIds.push(id);
  await cancelOnceConfirmed(ctx, id, candidate.buyerId, day);
  return [...ids, id];
}

export async function submitRequest(ctx: ScenarioContext, request: RequestPlan): Promise<string> {
  const now = Date.now();
  const deliverBy = now + request.deliverByHours * HOUR_MS;
  const placed = await ctx.apis.orders.post<{ requestId: string }>(
    '/purchase-requests',
    {
      commodityCode: request.commodityCode,
      quantity: { amount: request.amount, unit: request.unit },
      maxUnitPriceIdr: request.maxUnitPriceIdr,
      minGrade: request.minGrade,
      destinationCode: request.destinationCode,
      deliverBy: new Date(deliverBy).toISOString(),
      // What is still open a day before the goods are due lapses.
      expiresAt: new Date(deliverBy - 24 * HOUR_MS).toISOString(),
      allowPartial: true,
      ...(request.minShelfLifeHours === undefined
        ? {}
        : { minShelfLifeHoursOnArrival: request.minShelfLifeHours }),
    },
    asBumd(request.buyerId),
  );
  return placed.requestId;
}

/** Waits until the matching engine has seen every one of these requests. */
export async function waitProcessed(
  ctx: ScenarioContext,
  requestIds: readonly string[],
): Promise<RequestView[]> {
  return waitFor(
    `matching of ${requestIds.length} purchase requests`,
    async (note) => {
      const views = await Promise.all(requestIds.map((id) => getRequest(ctx, id)));
      const waiting = views.filter((view) => !processed(view));
      if (waiting.length === 0) return views;
      note(`${waiting.length} still open with no reasons, e.g. ${describe(waiting[0])}`);
      return undefined;
    },
    { timeoutMs: 45_000, intervalMs: 100 },
  );
}

export function getRequest(ctx: ScenarioContext, id: string): Promise<RequestView> {
  return ctx.apis.orders.get<RequestView>(`/purchase-requests/${id}`);
}

/**
 * Cancels the request's order as soon as the orders service shows it confirmed, and waits for
 * logistics' answer: the order is `cancelling` until logistics has taken it off every load
 * (`cancelled`) or refused because a load carrying it has started loading (back to
 * `in_fulfilment`). The scenario starts loading only after this step, so the answer is a
 * release; a refusal is recorded all the same, and a later day cancels another order.
 */
async function cancelOnceConfirmed(
  ctx: ScenarioContext,
  requestId: string,
  buyerId: string,
  day: number,
): Promise<void> {
  const request = await waitFor(
    `an order for request ${requestId} (to cancel)`,
    async () => {
      const view = await getRequest(ctx, requestId);
      return view.orderIds.length > 0 || processed(view) ? view : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 10 },
  );
  const [orderId] = request.orderIds;
  if (!orderId) {
    ctx.state.cancelAttempts.push(`day ${day + 1}: request ${requestId} found no supply`);
    return;
  }
  try {
    await ctx.apis.orders.post(
      `/orders/${orderId}/cancel`,
      { reason: 'Kramat Jati bought local tomatoes this morning; the Blitar lot is not needed' },
      asBumd(buyerId),
    );
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    ctx.state.cancelAttempts.push(
      `day ${day + 1}: order ${orderId} not cancellable (${error.code})`,
    );
    return;
  }
  const answered = await waitFor(
    `logistics' answer to the cancellation of order ${orderId}`,
    async () => {
      const order = await ctx.apis.orders.get<OrderView>(`/orders/${orderId}`, asBumd(buyerId));
      return order.status === 'cancelling' ? undefined : order;
    },
    { timeoutMs: 60_000, intervalMs: 50 },
  );
  if (answered.status === 'cancelled') {
    ctx.state.cancellation = { orderId, requestId, day };
  } else {
    ctx.state.cancelAttempts.push(
      `day ${day + 1}: order ${orderId} ${answered.status} (${answered.statusReason ?? 'no reason'})`,
    );
  }
}

function describe(request: RequestView): string {
  return `${request.commodityCode} ${request.quantity.amount} ${request.quantity.unit} for ${request.buyerId} (${request.status})`;
}
