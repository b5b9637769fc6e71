import type { ScenarioContext } from './scenario-context';
import type { PriceSpikeFigures, ScenarioSummary } from './scenario-types';
import type { OrderView } from './service-views';
import { ordersOfRunRequests } from './summary-figures';
import type { Snapshot } from './summary-snapshot';

export type Check = ScenarioSummary['checks'][number];

const RECEIVED = ['delivered', 'partially_delivered', 'closed'];
const check = (name: string, failures: string[], okDetail: string): Check => ({
  name,
  ok: failures.length === 0,
  detail:
    failures.length === 0
      ? okDetail
      : `${failures.length} wrong: ${failures.slice(0, 3).join('; ')}`,
});
const lines = (orders: readonly OrderView[]) =>
  orders.flatMap((o) => (o.lines ?? []).map((line) => ({ ...line, order: o })));

/** Nothing allocated beyond what an offer held or a request asked for. */
export function checkWithinOffered(snapshot: Snapshot): Check {
  const failures = snapshot.offers.flatMap((offer) => {
    const taken = lines(snapshot.orders)
      .filter((l) => l.offerId === offer.id && !l.released)
      .reduce((sum, l) => sum + l.quantity, 0);
    return taken > offer.quantity.amount + 1e-9
      ? [`${offer.commodityCode} offer ${offer.id}: ${taken} matched of ${offer.quantity.amount}`]
      : [];
  });
  return check('matched ≤ offered', failures, `${snapshot.offers.length} offers`);
}

export function checkWithinRequested(snapshot: Snapshot): Check {
  const orders = ordersOfRunRequests(snapshot);
  const failures = snapshot.requests.flatMap((request) => {
    const taken = lines(orders.filter((o) => o.requestId === request.id))
      .filter((l) => !l.released)
      .reduce((sum, l) => sum + l.quantity, 0);
    return taken > request.quantity.amount + 1e-9
      ? [`request ${request.id}: ${taken} matched of ${request.quantity.amount}`]
      : [];
  });
  return check('matched ≤ requested', failures, `${snapshot.requests.length} requests`);
}

/** Each shipment line names an order the orders service has, and one of that order's lines. */
export function checkShippedLinesTrace(snapshot: Snapshot): Check {
  const allocations = new Set(lines(snapshot.orders).map((l) => l.allocationId));
  const runOrders = new Set(snapshot.orders.map((o) => o.id));
  const shipped = snapshot.shipments.flatMap((s) => s.lines ?? []);
  const failures = shipped.flatMap((line) => {
    if (!snapshot.knownOrderIds.has(line.orderId))
      return [`line ${line.allocationId}: no order ${line.orderId}`];
    if (runOrders.has(line.orderId) && !allocations.has(line.allocationId))
      return [`line ${line.allocationId} is not a line of order ${line.orderId}`];
    return [];
  });
  return check('every shipped line traces to an order', failures, `${shipped.length} lines`);
}

export function checkDeliveredOrders(snapshot: Snapshot): Check {
  const deliveredIds = new Set(
    snapshot.shipments
      .filter((s) => s.status === 'delivered')
      .flatMap((s) => (s.lines ?? []).map((line) => line.orderId)),
  );
  const delivered = snapshot.orders.filter((o) => deliveredIds.has(o.id));
  const failures = delivered
    .filter((o) => !RECEIVED.includes(o.status))
    .map((o) => `order ${o.id} is ${o.status}`);
  return check(
    'every delivered order is delivered, partially delivered or closed',
    failures,
    `${delivered.length} orders`,
  );
}

/** The catalog's remaining = offered − allocated + released, allocations as orders made them. */
export function checkOfferQuantities(snapshot: Snapshot): Check {
  const all = lines(snapshot.orders);
  const failures = snapshot.offers.flatMap((offer) => {
    const own = all.filter((l) => l.offerId === offer.id);
    const allocated = own.reduce((sum, l) => sum + l.quantity, 0);
    const released = own.filter((l) => l.released).reduce((sum, l) => sum + l.quantity, 0);
    const expected = offer.quantity.amount - allocated + released;
    const inCatalog = (snapshot.allocations.get(offer.id) ?? []).map((a) => a.allocationId);
    const sameAllocations =
      [...inCatalog].sort().join() ===
      own
        .map((l) => l.allocationId)
        .sort()
        .join();
    if (Math.abs(offer.remaining.amount - expected) > 1e-6 || !sameAllocations)
      return [
        `offer ${offer.id}: remaining ${offer.remaining.amount}, expected ${offer.quantity.amount} − ${allocated} + ${released}${sameAllocations ? '' : ', allocations differ'}`,
      ];
    return [];
  });
  return check(
    'catalog offer remaining = offered − allocated + released',
    failures,
    `${snapshot.offers.length} offers agree with the orders service`,
  );
}

export function checkShipmentsDelivered(snapshot: Snapshot): Check {
  const runOrders = new Set(snapshot.orders.map((o) => o.id));
  const ours = snapshot.shipments.filter((s) => s.lines?.some((l) => runOrders.has(l.orderId)));
  const failures = ours
    .filter((s) => s.status !== 'delivered')
    .map((s) => `shipment ${s.id} is ${s.status}`);
  return check('every planned shipment was delivered', failures, `${ours.length} shipments`);
}

export function checkOrdersClosed(snapshot: Snapshot): Check {
  const open = snapshot.orders.filter((o) =>
    ['delivered', 'partially_delivered'].includes(o.status),
  );
  const closed = snapshot.orders.filter((o) => o.status === 'closed').length;
  const failures = [
    ...(closed === 0 ? ['no order was closed'] : []),
    ...open.map((o) => `order ${o.id} delivered but not closed`),
  ];
  return check('the BUMDs closed every delivered order', failures, `${closed} orders closed`);
}

export function checkSpike(spike: PriceSpikeFigures, ctx: ScenarioContext): Check[] {
  const tiers = spike.tiersSeen.filter((t): t is string => t !== null);
  const high = tiers.some((t) => t === 'siaga' || t === 'kritis');
  const ceilingOk =
    spike.ceilingIdr === ctx.plan.ceilingIdr &&
    ctx.state.ceiling?.unitPriceIdr === spike.ceilingIdr;
  const reasons = spike.blockedRequestReasons;
  return [
    check(
      `a ${spike.commodityCode} price-rise alert reached siaga or kritis`,
      high ? [] : [`tiers seen: ${spike.tiersSeen.join(' → ') || 'none'}`],
      `tiers seen: ${spike.tiersSeen.map((t) => t ?? '–').join(' → ')}`,
    ),
    check(
      'the operator set a ceiling after the alert',
      ceilingOk ? [] : [`override ${spike.ceilingIdr ?? 'none'}, wanted ${ctx.plan.ceilingIdr}`],
      `Rp ${spike.ceilingIdr?.toLocaleString('en-US')} from day ${(spike.ceilingDay ?? 0) + 1}`,
    ),
    check(
      'the over-ceiling offer was not matched',
      spike.overCeilingOfferId === null
        ? ['no over-ceiling offer was made']
        : [
            ...(spike.overCeilingAllocated ? [`${spike.overCeilingAllocated} allocated`] : []),
            ...(reasons.some((r) => r.startsWith('PRICE_ABOVE_CEILING'))
              ? []
              : [`request waits for: ${reasons.join(' | ') || 'nothing (matched?)'}`]),
          ],
      reasons.find((r) => r.startsWith('PRICE_ABOVE_CEILING')) ?? '',
    ),
  ];
}
