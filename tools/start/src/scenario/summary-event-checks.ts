import type { ScenarioContext } from './scenario-context';
import type { Check } from './summary-checks';
import type { Snapshot } from './summary-snapshot';

const verdict = (name: string, failures: string[], okDetail: string): Check => ({
  name,
  ok: failures.length === 0,
  detail: failures.length === 0 ? okDetail : failures.join('; '),
});

/** A cancelled order is cancelled and its quantity went back to the offers. */
export function checkCancellation(ctx: ScenarioContext, snapshot: Snapshot): Check {
  const name = 'an order cancelled before dispatch gave its quantity back';
  const shipped = shippedOrderIds(snapshot);
  const cancelled = snapshot.orders.filter((o) => o.status === 'cancelled' && !shipped.has(o.id));
  if (cancelled.length === 0) {
    const tried = ctx.state.cancelAttempts.join('; ') || 'no candidate order';
    return verdict(name, [`no order was cleanly cancelled (${tried})`], '');
  }
  const released = new Map(
    [...snapshot.allocations.values()].flat().map((a) => [a.allocationId, a.releasedAt]),
  );
  const failures = cancelled.flatMap((order) =>
    (order.lines ?? [])
      .filter((line) => !line.released || !released.get(line.allocationId))
      .map((line) => `allocation ${line.allocationId} of order ${order.id} not released`),
  );
  return verdict(name, failures, `order ${cancelled.map((o) => o.id).join(', ')}`);
}

/**
 * The orders service accepts a cancellation while the order is confirmed, but logistics may
 * have planned it already (orders hears of the plan by event): then the goods of a cancelled
 * order travel and are delivered while the catalog has put their quantity back on sale.
 */
export function checkNoCancelledOrderShipped(snapshot: Snapshot): Check {
  const shipped = shippedOrderIds(snapshot);
  const raced = snapshot.orders.filter((o) => o.status === 'cancelled' && shipped.has(o.id));
  return verdict(
    'no cancelled order rides a shipment',
    raced.map(
      (o) =>
        `cancelled order ${o.id} was planned onto a load before the cancellation reached logistics`,
    ),
    `${snapshot.orders.filter((o) => o.status === 'cancelled').length} cancelled`,
  );
}

function shippedOrderIds(snapshot: Snapshot): Set<string> {
  return new Set(snapshot.shipments.flatMap((s) => (s.lines ?? []).map((l) => l.orderId)));
}

export function checkDelay(snapshot: Snapshot): Check {
  const delayed = snapshot.shipments.filter((s) => s.delayed);
  return verdict(
    "logistics' delay check flagged the late truck",
    delayed.length > 0 ? [] : ['no shipment is flagged delayed'],
    delayed.map((s) => `${s.vehicle} to ${s.destinationCode}, ETA ${s.eta}`).join('; '),
  );
}

/** A rejected line is recorded alike by the orders service and by the catalog. */
export function checkRejection(snapshot: Snapshot): Check {
  const catalog = new Map(
    [...snapshot.allocations.values()].flat().map((a) => [a.allocationId, a]),
  );
  const rejected = snapshot.orders.flatMap((o) =>
    (o.lines ?? []).filter((l) => (l.rejectedAmount ?? 0) > 0),
  );
  const failures = rejected.flatMap((line) => {
    const seen = catalog.get(line.allocationId);
    if (!line.rejectionReason) return [`line ${line.allocationId} rejected without a reason`];
    if (seen && seen.rejectedAmount === line.rejectedAmount) return [];
    return [`catalog shows ${seen?.rejectedAmount ?? 'nothing'} rejected of ${line.allocationId}`];
  });
  if (rejected.length === 0) failures.push('no delivered line was rejected');
  const [first] = rejected;
  return verdict(
    'a rejected line carries its reason to orders and catalog',
    failures,
    first ? `${first.rejectedAmount} rejected: ${first.rejectionReason}` : '',
  );
}

export function checkListings(snapshot: Snapshot): Check {
  return verdict(
    'listings complete (no page hit the 500-row limit)',
    snapshot.truncated.map((query) => `${query} came back full`),
    'all pages partial',
  );
}
