import {
  AllocationMade,
  CeilingSet,
  createEnvelope,
  type EventDefinition,
  type EventEnvelope,
  MarketPricesObserved,
  OfferPublished,
  ShipmentDelivered,
  ShipmentFailed,
} from '@simpul/contracts';
import { fixtureUuid, offerPublishedFixture, orderConfirmedFixture } from '@simpul/testing';
import { EVENT_CATALOG } from '@simpul/contracts';

/** A valid event the consumers of a topic apply (each follows a malformed one in the suite). */
export type GoodEvent = (n: number, context: GoodEventContext) => EventEnvelope<object>;

/** What a good event may refer to: an offer the catalog knows (1,000 kg of EGG, open). */
export interface GoodEventContext {
  offerId?: string;
}

const now = () => new Date();

function event<T extends object>(
  definition: EventDefinition<T>,
  source: string,
  subject: string,
  data: T,
  tenantId?: string,
): EventEnvelope<object> {
  return createEnvelope(definition, { source, subject, data, ...(tenantId ? { tenantId } : {}) });
}

const orderConfirmed: GoodEvent = (n) =>
  orderConfirmedFixture(
    { order: 0x500000 + n, request: 0x600000 + n, allocation: 0x700000 + n },
    10,
  );

const shipmentFailed: GoodEvent = (n) => {
  const shipmentId = fixtureUuid(0x800000 + n);
  return event(
    ShipmentFailed,
    'logistics',
    shipmentId,
    {
      shipmentId,
      orderIds: [fixtureUuid(0x810000 + n)],
      reason: 'fuzz: a good event',
      failedAt: now().toISOString(),
    },
    'pasar-jaya',
  );
};

/**
 * Per service and topic it consumes: a valid event every consumer of that topic in that service
 * handles (so that an inbox row proves it was applied). A consumer on a topic missing here fails
 * the suite: add a good event for it.
 */
export const GOOD_EVENTS: Record<string, GoodEvent> = {
  // An allocation of 1 kg from a real offer: the offer's remaining quantity shows it.
  'catalog|orders.orders.v1': (n, { offerId }) => {
    if (!offerId) throw new Error('catalog allocations need an offer');
    const allocationId = fixtureUuid(0x900000 + n);
    return event(AllocationMade, 'orders', allocationId, {
      allocationId,
      offerId,
      requestId: fixtureUuid(0xa00000 + n),
      commodityCode: 'EGG',
      quantity: { amount: 1, unit: 'kg' },
      unitPriceIdr: 26_500,
      allocatedAt: now().toISOString(),
    });
  },
  'catalog|logistics.shipments.v1': (n) => {
    const shipmentId = fixtureUuid(0xb00000 + n);
    return event(ShipmentDelivered, 'logistics', shipmentId, {
      shipmentId,
      deliveredAt: now().toISOString(),
      lines: [
        {
          orderId: fixtureUuid(0xc00000 + n),
          allocationId: fixtureUuid(0xd00000 + n),
          receivedAmount: 10,
          rejectedAmount: 0,
        },
      ],
    });
  },
  'orders|catalog.offers.v1': (n) => {
    const data = offerPublishedFixture(0xe00000 + n, { commodityCode: 'EGG' });
    return event(OfferPublished, 'catalog', data.offerId, data);
  },
  'orders|pricing.ceilings.v1': () =>
    event(CeilingSet, 'pricing', 'EGG', {
      commodityCode: 'EGG',
      unitPriceIdr: 99_000,
      priceLevel: 'consumer',
      reference: 'fuzz: a good event',
      effectiveFrom: now().toISOString(),
    }),
  'orders|orders.matching.v1': () => {
    const ticked = EVENT_CATALOG.find((d) => d.type === 'orders.matching.clock-ticked');
    if (!ticked) throw new Error('orders.matching.clock-ticked is not in the catalog');
    return event(ticked as EventDefinition<object>, 'orders', 'EGG', { commodityCode: 'EGG' });
  },
  'orders|orders.orders.v1': orderConfirmed,
  'orders|logistics.shipments.v1': shipmentFailed,
  'logistics|orders.orders.v1': orderConfirmed,
  'pricing|catalog.offers.v1': (n) => {
    const data = offerPublishedFixture(0xf00000 + n, { commodityCode: 'EGG' });
    return event(OfferPublished, 'catalog', data.offerId, data);
  },
  'pricing|orders.orders.v1': orderConfirmed,
  'pricing|pricing.observations.v1': (n) =>
    event(MarketPricesObserved, 'pricing', 'EGG', {
      commodityCode: 'EGG',
      level: 'consumer',
      region: 'jakarta',
      source: 'rest',
      observations: [
        {
          observationId: `market:fuzz-${n}:EGG:2026-01-01`,
          market: `Pasar Fuzz ${n}`,
          priceIdr: 28_000 + n,
          observedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
    }),
};
