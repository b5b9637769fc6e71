import { mapLimit } from './lanes';
import type { RequestView } from './orders-steps';
import type { AlertView } from './pricing-steps';
import type { ScenarioContext } from './scenario-context';
import {
  getOrder,
  getShipment,
  ORDER_STATUSES,
  type OrderView,
  PAGE_LIMIT,
  SHIPMENT_STATUSES,
  type ShipmentView,
} from './service-views';

const BUYERS = ['food-station', 'dharma-jaya', 'pasar-jaya'];
const REQUEST_STATUSES = ['open', 'partially_matched', 'matched', 'cancelled', 'expired'];
const IN_FLIGHT = 8;

export interface OfferView {
  id: string;
  producerId: string;
  commodityCode: string;
  quantity: { amount: number; unit: string };
  remaining: { amount: number; unit: string };
  unitPriceIdr: number;
  status: string;
  publishedAt: string;
}

export interface AllocationView {
  allocationId: string;
  quantity: { amount: number; unit: string };
  releasedAt: string | null;
  deliveredAt: string | null;
  receivedAmount: number | null;
  rejectedAmount: number | null;
  rejectionReason: string | null;
}

export interface StatusEntry {
  commodityCode: string;
  level: string;
  region: string;
  cv30Percent: number | null;
}

/** Everything the summary is computed from, as the four services report it now. */
export interface Snapshot {
  offers: OfferView[];
  /** Per offer: this run's offers and every offer this run's orders drew on. */
  allocations: Map<string, AllocationView[]>;
  requests: RequestView[];
  /** Orders created during the run, with their lines. */
  orders: OrderView[];
  /** Ids of every order the orders service listed, this run's or not. */
  knownOrderIds: Set<string>;
  /** Shipments planned during the run carrying its orders, with their lines. */
  shipments: ShipmentView[];
  alerts: AlertView[];
  status: StatusEntry[];
  ceilings: { commodityCode: string; overrideIdr: number | null; publishedIdr: number | null }[];
  /** Listings that came back full: they may have left rows out. */
  truncated: string[];
}

export async function takeSnapshot(ctx: ScenarioContext): Promise<Snapshot> {
  const truncated: string[] = [];
  const [offers, requests, orderLists, shipments] = await Promise.all([
    runOffers(ctx),
    runRequests(ctx, truncated),
    allOrders(ctx, truncated),
    runShipments(ctx, truncated),
  ]);
  const runOrderList = orderLists.filter((o) => Date.parse(o.createdAt) >= ctx.startedAt);
  const orders = await mapLimit(runOrderList, IN_FLIGHT, (o) => getOrder(ctx, o.id));
  const knownOrderIds = new Set(orderLists.map((o) => o.id));
  // Our orders may draw on an earlier run's offers: their allocations are read too.
  const offerIds = [
    ...new Set([
      ...offers.map((o) => o.id),
      ...orders.flatMap((o) => (o.lines ?? []).map((l) => l.offerId)),
    ]),
  ];
  const allocations = await mapLimit(offerIds, IN_FLIGHT, (id) =>
    ctx.apis.catalog.get<AllocationView[]>(`/offers/${id}/allocations`),
  );
  const { pricing } = ctx.apis;
  return {
    offers,
    allocations: new Map(offerIds.map((id, i) => [id, allocations[i]])),
    requests,
    orders,
    knownOrderIds,
    shipments: shipments.filter((s) => carriesRunOrders(s, orders, knownOrderIds)),
    alerts: await pricing.get<AlertView[]>('/alerts?limit=1000'),
    status: await pricing.get<StatusEntry[]>('/prices/status'),
    ceilings: await pricing.get<Snapshot['ceilings']>('/ceilings'),
    truncated,
  };
}

/**
 * A shipment of this run carries one of its orders, or a line of an order nobody knows (which
 * the checks report); one that carries only an earlier run's orders is not ours.
 */
function carriesRunOrders(
  shipment: ShipmentView,
  orders: readonly OrderView[],
  known: ReadonlySet<string>,
): boolean {
  const ours = new Set(orders.map((o) => o.id));
  return (shipment.lines ?? []).some((l) => ours.has(l.orderId) || !known.has(l.orderId));
}

/** This run's offers: the catalog's newest first, down to the run's start, of our producers. */
async function runOffers(ctx: ScenarioContext): Promise<OfferView[]> {
  const ours = new Set(ctx.state.producerIds.values());
  const found: OfferView[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: { items: OfferView[]; nextCursor: string | null } = await ctx.apis.catalog.get(
      `/offers?limit=100${query}`,
    );
    const fresh = page.items.filter((o) => Date.parse(o.publishedAt) >= ctx.startedAt);
    found.push(...fresh.filter((o) => ours.has(o.producerId)));
    cursor = fresh.length === page.items.length ? page.nextCursor : null;
  } while (cursor);
  return found;
}

async function runRequests(ctx: ScenarioContext, truncated: string[]): Promise<RequestView[]> {
  const queries = BUYERS.flatMap((buyer) =>
    REQUEST_STATUSES.map((status) => `/purchase-requests?buyerId=${buyer}&status=${status}`),
  );
  const pages = await Promise.all(
    queries.map((q) => ctx.apis.orders.get<RequestView[]>(`${q}&limit=${PAGE_LIMIT}`)),
  );
  pages.forEach((page, i) => page.length >= PAGE_LIMIT && truncated.push(queries[i]));
  return pages.flat().filter((r) => Date.parse(r.submittedAt) >= ctx.startedAt);
}

async function allOrders(ctx: ScenarioContext, truncated: string[]): Promise<OrderView[]> {
  const queries = BUYERS.flatMap((buyer) =>
    ORDER_STATUSES.map((status) => `/orders?buyerId=${buyer}&status=${status}`),
  );
  const pages = await Promise.all(
    queries.map((q) => ctx.apis.orders.get<OrderView[]>(`${q}&limit=${PAGE_LIMIT}`)),
  );
  pages.forEach((page, i) => page.length >= PAGE_LIMIT && truncated.push(queries[i]));
  return pages.flat();
}

/** Shipments whose planned departure falls after the run's start: planned during the run. */
async function runShipments(ctx: ScenarioContext, truncated: string[]): Promise<ShipmentView[]> {
  const queries = SHIPMENT_STATUSES.map((status) => `/shipments?status=${status}`);
  const pages = await Promise.all(
    queries.map((q) => ctx.apis.logistics.get<ShipmentView[]>(`${q}&limit=${PAGE_LIMIT}`)),
  );
  pages.forEach((page, i) => page.length >= PAGE_LIMIT && truncated.push(queries[i]));
  const planned = pages.flat().filter((s) => Date.parse(s.plannedDeparture) >= ctx.startedAt);
  return mapLimit(planned, IN_FLIGHT, (s) => getShipment(ctx, s.id));
}
