import { COMMODITY_PROFILES } from './commodity-profiles';
import { waitSeriesCurrent } from './pricing-steps';
import type { ScenarioContext } from './scenario-context';
import type { ScenarioSummary } from './scenario-types';
import {
  checkDeliveredOrders,
  checkOfferQuantities,
  checkOrdersClosed,
  checkShipmentsDelivered,
  checkShippedLinesTrace,
  checkSpike,
  checkWithinOffered,
  checkWithinRequested,
} from './summary-checks';
import {
  checkCancellation,
  checkDelay,
  checkListings,
  checkNoCancelledOrderShipped,
  checkRejection,
} from './summary-event-checks';
import {
  alertCounts,
  chainTrace,
  commodityFigures,
  fillRate,
  priceSpikeFigures,
  shipmentFigures,
} from './summary-figures';
import { type Snapshot, takeSnapshot } from './summary-snapshot';
import { sleep } from './wait-for';

const SETTLE_MS = 30_000;

/** The summary, computed from what the four services report once their events have settled. */
export async function summarize(ctx: ScenarioContext): Promise<ScenarioSummary> {
  const lastDay = ctx.plan.days.at(-1);
  for (const profile of COMMODITY_PROFILES) {
    if (lastDay && profile.consumerPriceIdr !== null)
      await waitSeriesCurrent(ctx, profile.code, lastDay.prices);
  }
  const snapshot = await settledSnapshot(ctx);
  const commodities = commodityFigures(snapshot);
  const shipments = shipmentFigures(snapshot);
  const historyStart = ctx.plan.prices.history[0]?.date ?? '';
  const alerts = alertCounts(snapshot, historyStart);
  const priceSpike = priceSpikeFigures(ctx, snapshot);
  return {
    days: ctx.plan.days.length,
    seed: ctx.plan.seed,
    offers: snapshot.offers.length,
    requests: snapshot.requests.length,
    orders: snapshot.orders.length,
    fillRate: fillRate(commodities),
    shipments,
    onTimeRate: shipments.delivered === 0 ? 0 : shipments.onTime / shipments.delivered,
    alertsByTier: alerts.byTier,
    alertsByRule: alerts.byRule,
    cancellations: snapshot.orders.filter((o) => o.status === 'cancelled').length,
    rejectedLines: snapshot.orders
      .flatMap((o) => o.lines ?? [])
      .filter((l) => (l.rejectedAmount ?? 0) > 0).length,
    commodities,
    closedOrders: snapshot.orders.filter((o) => o.status === 'closed').length,
    chartered: ctx.state.chartered.length,
    priceSpike,
    chain: chainTrace(snapshot),
    checks: [
      checkWithinOffered(snapshot),
      checkWithinRequested(snapshot),
      checkShippedLinesTrace(snapshot),
      checkDeliveredOrders(snapshot),
      checkOfferQuantities(snapshot),
      checkShipmentsDelivered(snapshot),
      checkOrdersClosed(snapshot),
      ...checkSpike(priceSpike, ctx),
      checkCancellation(ctx, snapshot),
      checkNoCancelledOrderShipped(snapshot),
      checkDelay(snapshot),
      checkRejection(snapshot),
      checkListings(snapshot),
    ],
  };
}

/**
 * The catalog learns of allocations, releases and deliveries through events: a snapshot is
 * taken again until it agrees with the orders service, or the settling time is up (then the
 * checks report what still disagrees).
 */
async function settledSnapshot(ctx: ScenarioContext): Promise<Snapshot> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const snapshot = await takeSnapshot(ctx);
    if (settled(snapshot) || Date.now() > deadline) return snapshot;
    await sleep(500);
  }
}

function settled(snapshot: Snapshot): boolean {
  const catalog = new Map(
    [...snapshot.allocations.values()].flat().map((a) => [a.allocationId, a]),
  );
  const deliveredKnown = snapshot.shipments
    .filter((s) => s.status === 'delivered')
    .flatMap((s) => s.lines ?? [])
    .every(
      (line) => !catalog.has(line.allocationId) || catalog.get(line.allocationId)?.deliveredAt,
    );
  return deliveredKnown && checkOfferQuantities(snapshot).ok;
}
