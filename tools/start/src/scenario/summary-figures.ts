import { COMMODITY_PROFILES } from './commodity-profiles';
import type { ScenarioContext } from './scenario-context';
import type {
  ChainTrace,
  CommodityFigures,
  PriceSpikeFigures,
  ScenarioSummary,
} from './scenario-types';
import type { OrderLineView, OrderView } from './service-views';
import type { Snapshot } from './summary-snapshot';

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
const liveLines = (order: OrderView): OrderLineView[] =>
  (order.lines ?? []).filter((line) => !line.released);

/** Orders placed for this run's requests (an earlier run's open request may take our offers). */
export function ordersOfRunRequests(snapshot: Snapshot): OrderView[] {
  const requests = new Set(snapshot.requests.map((r) => r.id));
  return snapshot.orders.filter((order) => requests.has(order.requestId));
}

export function commodityFigures(snapshot: Snapshot): CommodityFigures[] {
  const orders = ordersOfRunRequests(snapshot);
  return COMMODITY_PROFILES.map((profile) => {
    const code = profile.code;
    const status = snapshot.status.find(
      (s) => s.commodityCode === code && s.level === 'consumer' && s.region === 'jakarta',
    );
    return {
      commodityCode: code,
      unit: profile.unit,
      offeredKg: sum(
        snapshot.offers.filter((o) => o.commodityCode === code).map((o) => o.quantity.amount),
      ),
      requestedKg: sum(
        snapshot.requests.filter((r) => r.commodityCode === code).map((r) => r.quantity.amount),
      ),
      matchedKg: sum(
        orders
          .filter((o) => o.commodityCode === code)
          .flatMap(liveLines)
          .map((l) => l.quantity),
      ),
      priceCvPercent: status?.cv30Percent ?? null,
    };
  });
}

/** Matched over requested, in kilograms (pieces are left out of the mix). */
export function fillRate(commodities: readonly CommodityFigures[]): number {
  const kg = commodities.filter((c) => c.unit === 'kg');
  const requested = sum(kg.map((c) => c.requestedKg));
  return requested === 0 ? 0 : sum(kg.map((c) => c.matchedKg)) / requested;
}

/** Delivered shipments on time: every line received (catalog) by its order's deliver-by. */
export function shipmentFigures(snapshot: Snapshot): ScenarioSummary['shipments'] {
  const deliveredAt = new Map(
    [...snapshot.allocations.values()].flat().map((a) => [a.allocationId, a.deliveredAt]),
  );
  const deliverBy = new Map(snapshot.orders.map((o) => [o.id, Date.parse(o.deliverBy)]));
  const delivered = snapshot.shipments.filter((s) => s.status === 'delivered');
  const onTime = delivered.filter((s) =>
    (s.lines ?? []).every((line) => {
      const at = deliveredAt.get(line.allocationId);
      const due = deliverBy.get(line.orderId);
      return at != null && due !== undefined && Date.parse(at) <= due;
    }),
  ).length;
  return {
    planned: snapshot.shipments.length,
    delivered: delivered.length,
    failed: snapshot.shipments.filter((s) => s.status === 'failed').length,
    onTime,
    late: delivered.length - onTime,
    delayed: snapshot.shipments.filter((s) => s.delayed).length,
  };
}

export function alertCounts(snapshot: Snapshot, since: string) {
  const alerts = snapshot.alerts.filter((a) => a.raisedAt >= since);
  const byTier: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  for (const alert of alerts) {
    byRule[alert.rule] = (byRule[alert.rule] ?? 0) + 1;
    if (alert.tier) byTier[alert.tier] = (byTier[alert.tier] ?? 0) + 1;
  }
  return { byTier, byRule };
}

export function priceSpikeFigures(ctx: ScenarioContext, snapshot: Snapshot): PriceSpikeFigures {
  const commodityCode = ctx.plan.overCeiling.offer.commodityCode;
  const over = ctx.state.overCeiling;
  const allocated = over
    ? sum(
        (snapshot.allocations.get(over.offerId) ?? [])
          .filter((a) => a.releasedAt === null)
          .map((a) => a.quantity.amount),
      )
    : null;
  const blocked = over ? snapshot.requests.find((r) => r.id === over.requestId) : undefined;
  return {
    commodityCode,
    tiersSeen: ctx.state.tiersSeen.map((seen) => seen.tier),
    ceilingIdr:
      snapshot.ceilings.find((c) => c.commodityCode === commodityCode)?.overrideIdr ?? null,
    ceilingDay: ctx.state.ceiling?.day ?? null,
    overCeilingOfferId: over?.offerId ?? null,
    overCeilingAllocated: allocated,
    blockedRequestReasons: (blocked?.unfilledReasons ?? []).map((r) => `${r.code}: ${r.message}`),
  };
}

/** The first closed order (by id) of this run, followed back to its offer and forward to Jakarta
 * on the truck that carried the line. */
export function chainTrace(snapshot: Snapshot): ChainTrace | null {
  const offers = new Map(snapshot.offers.map((o) => [o.id, o]));
  const closed = [...snapshot.orders]
    .filter((o) => o.status === 'closed' && o.shipmentId)
    .sort((a, b) => a.id.localeCompare(b.id));
  // An order's lines may travel on different trucks (a split load, a failed truck re-planned):
  // the order names its latest shipment, so the chain follows the one that carried this line.
  const carrying = (allocationId: string, orderId: string) =>
    snapshot.shipments.find(
      (s) =>
        s.status === 'delivered' &&
        (s.lines ?? []).some((l) => l.allocationId === allocationId && l.orderId === orderId),
    );
  for (const order of closed) {
    const line = liveLines(order).find((l) => offers.has(l.offerId));
    const shipment = line && carrying(line.allocationId, order.id);
    const offer = line && offers.get(line.offerId);
    if (!line || !shipment || !offer) continue;
    return {
      offerId: offer.id,
      offerQuantity: offer.quantity.amount,
      offerRemaining: offer.remaining.amount,
      allocationId: line.allocationId,
      orderId: order.id,
      orderStatus: order.status,
      shipmentId: shipment.id,
      shipmentStatus: shipment.status,
      receivedAmount: line.receivedAmount,
    };
  }
  return null;
}
