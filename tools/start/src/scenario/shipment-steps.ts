import { asBumd, asDriver, type Caller, OPERATOR } from './api-client';
import { profileOf } from './commodity-profiles';
import type { ScenarioContext } from './scenario-context';
import {
  getShipment,
  PAGE_LIMIT,
  type RouteView,
  runOrders,
  type ShipmentLineView,
  type ShipmentView,
} from './service-views';
import { waitFor } from './wait-for';

const HOUR_MS = 3_600_000;
const ROAD_CHECKPOINTS: [string, number][] = [
  ['Gerbang Tol Ngawi', 0.24],
  ['Gerbang Tol Kalikangkung, Semarang', 0.5],
  ['Gerbang Tol Palimanan, Cirebon', 0.76],
];
const RAIL_CHECKPOINTS: [string, number][] = [
  ['Stasiun Semarang Tawang', 0.5],
  ['Stasiun Cirebon Prujakan', 0.76],
];

/**
 * Takes every planned shipment carrying this run's orders from BTC to Jakarta: loading,
 * departure, checkpoints, arrival, and the buyer's signed receipt. Returns them as loaded.
 */
export async function moveShipments(ctx: ScenarioContext, day: number): Promise<ShipmentView[]> {
  const ours = new Set((await runOrders(ctx)).map((order) => order.id));
  const planned = await ctx.apis.logistics.get<ShipmentView[]>(
    `/shipments?status=planned&limit=${PAGE_LIMIT}`,
  );
  const routes = await ctx.apis.logistics.get<RouteView[]>('/routes');
  const moved: ShipmentView[] = [];
  for (const { id } of [...planned].sort((a, b) => a.id.localeCompare(b.id))) {
    const shipment = await getShipment(ctx, id);
    if (!shipment.lines?.some((line) => ours.has(line.orderId))) continue;
    const route = routes.find(
      (r) => r.destinationCode === shipment.destinationCode && r.mode === shipment.mode,
    );
    if (!route)
      throw new Error(`scenario: no ${shipment.mode} route to ${shipment.destinationCode}`);
    await moveShipment(ctx, shipment, route, day);
    moved.push(shipment);
  }
  return moved;
}

async function moveShipment(
  ctx: ScenarioContext,
  shipment: ShipmentView,
  route: RouteView,
  day: number,
): Promise<void> {
  // A driver reports a road truck's progress; the hub reports the train's.
  const crew = shipment.mode === 'road' ? asDriver(shipment.carrier) : OPERATOR;
  await track(ctx, shipment.id, 'loading', {}, OPERATOR);
  if (ctx.state.delayed === null && day >= ctx.plan.delayDay && shipment.mode === 'road') {
    await lateJourney(ctx, shipment, route, crew);
    ctx.state.delayed = { shipmentId: shipment.id, day };
  } else {
    await track(ctx, shipment.id, 'depart', {}, crew);
    const checkpoints = shipment.mode === 'road' ? ROAD_CHECKPOINTS : RAIL_CHECKPOINTS;
    for (const [checkpoint, share] of checkpoints) {
      const kmFromOrigin = Math.round(route.distanceKm * share);
      await track(ctx, shipment.id, 'checkpoints', { checkpoint, kmFromOrigin }, crew);
    }
  }
  await track(ctx, shipment.id, 'arrive', {}, crew);
  await deliver(ctx, shipment, day);
  ctx.state.movedShipments.add(shipment.id);
}

/**
 * The delayed truck: it left long ago (so it is past its ETA and the delay check flags it),
 * then broke down near Ngawi; the late checkpoint moves the ETA, still overdue, flagged again.
 */
async function lateJourney(
  ctx: ScenarioContext,
  shipment: ShipmentView,
  route: RouteView,
  crew: Caller,
): Promise<void> {
  const departedAt = Date.now() - (route.transitHours + 12) * HOUR_MS;
  await track(ctx, shipment.id, 'depart', { at: new Date(departedAt).toISOString() }, crew);
  await waitDelayFlagged(ctx, shipment.id);
  await track(
    ctx,
    shipment.id,
    'checkpoints',
    {
      checkpoint: 'Gerbang Tol Ngawi (after a breakdown)',
      kmFromOrigin: Math.round(route.distanceKm * 0.24),
      at: new Date(departedAt + 10 * HOUR_MS).toISOString(),
    },
    crew,
  );
  await waitDelayFlagged(ctx, shipment.id);
}

async function waitDelayFlagged(ctx: ScenarioContext, shipmentId: string): Promise<void> {
  await waitFor(
    `logistics' delay check flagging overdue shipment ${shipmentId}`,
    async (note) => {
      const shipment = await getShipment(ctx, shipmentId);
      if (shipment.delayed) return true;
      note(`${shipment.status}, ETA ${shipment.eta}, not flagged`);
      return undefined;
    },
    { timeoutMs: 30_000, intervalMs: 150 },
  );
}

/** The buyer signs for every line; one line of the run is partly rejected, with the reason. */
async function deliver(ctx: ScenarioContext, shipment: ShipmentView, day: number): Promise<void> {
  const lines = [...(shipment.lines ?? [])].sort((a, b) =>
    a.allocationId.localeCompare(b.allocationId),
  );
  const rejected = lineToReject(ctx, lines, day);
  const body = lines.map((line) =>
    line === rejected ? rejectPart(ctx, shipment, line) : fullReceipt(line),
  );
  await track(ctx, shipment.id, 'deliver', { lines: body }, asBumd(shipment.buyerId));
}

/** On the rejection day a line of eggs (cracked in transit), from the next day any line. */
function lineToReject(ctx: ScenarioContext, lines: readonly ShipmentLineView[], day: number) {
  if (ctx.state.rejection !== null || day < ctx.plan.rejectDay) return undefined;
  const big = lines.filter((line) => line.amount >= 20);
  if (day > ctx.plan.rejectDay) return big[0];
  return big.find((line) => line.commodityCode === 'EGG');
}

function fullReceipt(line: ShipmentLineView) {
  return { allocationId: line.allocationId, receivedAmount: line.amount, rejectedAmount: 0 };
}

function rejectPart(ctx: ScenarioContext, shipment: ShipmentView, line: ShipmentLineView) {
  const rejectedAmount = Math.max(1, Math.round(line.amount * ctx.plan.rejectFraction));
  const rejectionReason = profileOf(line.commodityCode).rejectionReason;
  ctx.state.rejection = {
    shipmentId: shipment.id,
    allocationId: line.allocationId,
    amount: rejectedAmount,
    reason: rejectionReason,
  };
  return {
    allocationId: line.allocationId,
    receivedAmount: line.amount - rejectedAmount,
    rejectedAmount,
    rejectionReason,
  };
}

function track(
  ctx: ScenarioContext,
  shipmentId: string,
  step: string,
  body: object,
  caller: Caller,
): Promise<unknown> {
  return ctx.apis.logistics.post(`/shipments/${shipmentId}/${step}`, body, caller);
}
