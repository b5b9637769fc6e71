import { ORDER_STATUSES } from '@simpul/contracts';
import type { ScenarioContext } from './scenario-context';

/** What the scenario reads of the services' APIs (see each service's OpenAPI at /docs-json). */
export interface OrderLineView {
  allocationId: string;
  offerId: string;
  producerId: string;
  quantity: number;
  unitPriceIdr: number;
  explanation: { message: string; ceilingIdr?: number | null };
  released: boolean;
  receivedAmount: number | null;
  rejectedAmount: number | null;
  rejectionReason: string | null;
}

export interface OrderView {
  id: string;
  requestId: string;
  buyerId: string;
  commodityCode: string;
  unit: string;
  destinationCode: string;
  deliverBy: string;
  status: string;
  statusReason: string | null;
  shipmentId: string | null;
  createdAt: string;
  lines?: OrderLineView[];
}

export interface ShipmentLineView {
  allocationId: string;
  orderId: string;
  commodityCode: string;
  amount: number;
  unit: string;
  receivedAmount: number | null;
  rejectedAmount: number | null;
  rejectionReason: string | null;
}

export interface ShipmentView {
  id: string;
  buyerId: string;
  destinationCode: string;
  mode: 'road' | 'rail';
  vehicle: string;
  carrier: string;
  status: string;
  plannedDeparture: string;
  departedAt: string | null;
  eta: string;
  delayed: boolean;
  weightKg: number;
  lines?: ShipmentLineView[];
}

export interface RouteView {
  destinationCode: string;
  mode: string;
  distanceKm: number;
  transitHours: number;
}

/** Every order status, from the contract: the snapshot reads each. */
export { ORDER_STATUSES };
export const SHIPMENT_STATUSES = [
  'planned',
  'loading',
  'departed',
  'arrived',
  'delivered',
  'failed',
] as const;
/** The API's largest page: a listing this long may have left rows out. */
export const PAGE_LIMIT = 500;

/** Orders created since the run began, in the given statuses. */
export async function runOrders(
  ctx: ScenarioContext,
  statuses: readonly string[] = ORDER_STATUSES,
): Promise<OrderView[]> {
  const pages = await Promise.all(
    statuses.map((status) =>
      ctx.apis.orders.get<OrderView[]>(`/orders?status=${status}&limit=${PAGE_LIMIT}`),
    ),
  );
  return pages.flat().filter((order) => Date.parse(order.createdAt) >= ctx.startedAt);
}

export function getOrder(ctx: ScenarioContext, id: string): Promise<OrderView> {
  return ctx.apis.orders.get<OrderView>(`/orders/${id}`);
}

export function getShipment(ctx: ScenarioContext, id: string): Promise<ShipmentView> {
  return ctx.apis.logistics.get<ShipmentView>(`/shipments/${id}`);
}
