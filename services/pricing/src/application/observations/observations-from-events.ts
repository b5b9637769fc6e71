import type {
  EventEnvelope,
  MarketPricesObservedV1,
  OfferChangedV1,
  OfferPublishedV1,
  OrderConfirmedV1,
} from '@simpul/contracts';
import type { PriceLevel, Region } from '../../domain/monitoring/pricing-types';
import type { ObservationRow } from '../../infrastructure/persistence/series.repository';

/** Every offer price is a producer price at Blitar, seen when the offer was published. */
export function fromOffersPublished(
  events: readonly EventEnvelope<OfferPublishedV1>[],
): ObservationRow[] {
  return events.map((event) => ({
    id: `offer:${event.data.offerId}`,
    commodityCode: event.data.commodityCode,
    level: 'producer',
    region: 'blitar',
    market: event.data.originHub,
    priceIdr: event.data.unitPriceIdr,
    observedAt: event.time,
    source: 'catalog.offer.published',
  }));
}

/** A changed offer price is a new producer observation (the old one stands for its day). */
export function fromOfferChanged(event: EventEnvelope<OfferChangedV1>): ObservationRow[] {
  return [
    {
      id: `offer-change:${event.id}`,
      commodityCode: event.data.commodityCode,
      level: 'producer',
      region: 'blitar',
      market: null,
      priceIdr: event.data.unitPriceIdr,
      observedAt: event.time,
      source: 'catalog.offer.changed',
    },
  ];
}

/** Each agreed order line is a wholesale price for Jakarta. */
export function fromOrdersConfirmed(
  events: readonly EventEnvelope<OrderConfirmedV1>[],
): ObservationRow[] {
  return events.flatMap((event) =>
    event.data.lines.map((line) => ({
      id: `order-line:${line.allocationId}`,
      commodityCode: event.data.commodityCode,
      level: 'wholesale' as const,
      region: 'jakarta' as const,
      market: event.data.destinationCode,
      priceIdr: line.unitPriceIdr,
      observedAt: event.time,
      source: 'orders.order.confirmed',
    })),
  );
}

export function fromMarketPrices(
  events: readonly EventEnvelope<MarketPricesObservedV1>[],
): ObservationRow[] {
  return events.flatMap((event) =>
    event.data.observations.map((observation) => ({
      id: observation.observationId,
      commodityCode: event.data.commodityCode,
      level: event.data.level as PriceLevel,
      region: event.data.region as Region,
      market: observation.market,
      priceIdr: observation.priceIdr,
      observedAt: observation.observedAt,
      source: `market:${event.data.source}`,
    })),
  );
}
