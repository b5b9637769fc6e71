import { chainTrace } from './summary-figures';
import type { OrderLineView, OrderView, ShipmentLineView, ShipmentView } from './service-views';
import type { OfferView, Snapshot } from './summary-snapshot';

const offer = (id: string): OfferView => ({
  id,
  producerId: 'umkm-1',
  commodityCode: 'EGG',
  quantity: { amount: 1_000, unit: 'kg' },
  remaining: { amount: 600, unit: 'kg' },
  unitPriceIdr: 26_000,
  status: 'partially_allocated',
  publishedAt: '2026-12-01T00:00:00.000Z',
});

const orderLine = (allocationId: string, offerId: string): OrderLineView => ({
  allocationId,
  offerId,
  producerId: 'umkm-1',
  quantity: 200,
  unitPriceIdr: 26_000,
  explanation: { message: 'best price' },
  released: false,
  receivedAmount: 200,
  rejectedAmount: 0,
  rejectionReason: null,
});

const shipmentLine = (allocationId: string, orderId: string): ShipmentLineView => ({
  allocationId,
  orderId,
  commodityCode: 'EGG',
  amount: 200,
  unit: 'kg',
  receivedAmount: 200,
  rejectedAmount: 0,
  rejectionReason: null,
});

const shipment = (id: string, lines: ShipmentLineView[]): ShipmentView => ({
  id,
  buyerId: 'food-station',
  destinationCode: 'FS-CIPINANG',
  mode: 'road',
  vehicle: 'CDD',
  carrier: 'BTC fleet',
  status: 'delivered',
  plannedDeparture: '2026-12-01T06:00:00.000Z',
  departedAt: '2026-12-01T06:00:00.000Z',
  eta: '2026-12-01T20:00:00.000Z',
  delayed: false,
  weightKg: 200,
  lines,
});

const snapshot = (orders: OrderView[], shipments: ShipmentView[]): Snapshot => ({
  offers: [offer('offer-a'), offer('offer-b')],
  allocations: new Map(),
  requests: [],
  orders,
  knownOrderIds: new Set(orders.map((o) => o.id)),
  shipments,
  alerts: [],
  status: [],
  ceilings: [],
  truncated: [],
});

const closedOrder = (id: string, shipmentId: string, lines: OrderLineView[]): OrderView => ({
  id,
  requestId: 'request-1',
  buyerId: 'food-station',
  commodityCode: 'EGG',
  unit: 'kg',
  destinationCode: 'FS-CIPINANG',
  deliverBy: '2026-12-02T00:00:00.000Z',
  status: 'closed',
  statusReason: null,
  shipmentId,
  createdAt: '2026-12-01T00:00:00.000Z',
  lines,
});

describe('chainTrace', () => {
  it('follows the line to the truck that carried it when an order travelled on two', () => {
    // The order names its latest shipment (ship-2), which carried only the second line.
    const order = closedOrder('order-1', 'ship-2', [
      orderLine('alloc-1', 'offer-a'),
      orderLine('alloc-2', 'offer-b'),
    ]);
    const trace = chainTrace(
      snapshot(
        [order],
        [
          shipment('ship-1', [shipmentLine('alloc-1', 'order-1')]),
          shipment('ship-2', [shipmentLine('alloc-2', 'order-1')]),
        ],
      ),
    );
    expect(trace).toMatchObject({
      allocationId: 'alloc-1',
      orderId: 'order-1',
      shipmentId: 'ship-1',
    });
  });

  it('skips an order whose line no delivered shipment carries', () => {
    const order = closedOrder('order-1', 'ship-1', [orderLine('alloc-1', 'offer-a')]);
    const notDelivered = {
      ...shipment('ship-1', [shipmentLine('alloc-1', 'order-1')]),
      status: 'departed',
    };
    expect(chainTrace(snapshot([order], [notDelivered]))).toBeNull();
  });
});
