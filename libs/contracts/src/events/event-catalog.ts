import { OfferPublished } from './catalog/offer-published.v1';
import { OfferChanged } from './catalog/offer-changed.v1';
import { OfferExpired } from './catalog/offer-expired.v1';
import { OfferSoldOut } from './catalog/offer-sold-out.v1';
import { OfferWithdrawn } from './catalog/offer-withdrawn.v1';
import { AllocationMade } from './orders/allocation-made.v1';
import { AllocationReleased } from './orders/allocation-released.v1';
import { ProducerRegistered } from './catalog/producer-registered.v1';
import { ProducerSuspended } from './catalog/producer-suspended.v1';
import { ProducerVerified } from './catalog/producer-verified.v1';
import { RequestSubmitted } from './orders/request-submitted.v1';
import { RequestStatusChanged } from './orders/request-status-changed.v1';
import { OrderConfirmed } from './orders/order-confirmed.v1';
import { OrderStatusChanged } from './orders/order-status-changed.v1';
import { SubscriptionPaused } from './orders/subscription-paused.v1';
import { MatchingOfferUpdated } from './orders/matching/matching-offer-updated.v1';
import { MatchingOfferClosed } from './orders/matching/matching-offer-closed.v1';
import { MatchingRequestSubmitted } from './orders/matching/matching-request-submitted.v1';
import { MatchingRequestCancelled } from './orders/matching/matching-request-cancelled.v1';
import { MatchingAllocationsReleased } from './orders/matching/matching-allocations-released.v1';
import { MatchingCeilingSet } from './orders/matching/matching-ceiling-set.v1';
import { MatchingClockTicked } from './orders/matching/matching-clock-ticked.v1';
import { CeilingSet } from './pricing/ceiling-set.v1';
import { MarketPricesObserved } from './pricing/market-prices-observed.v1';
import { AlertChanged } from './pricing/alert-changed.v1';
import { ShipmentPlanned } from './logistics/shipment-planned.v1';
import { ShipmentDelivered } from './logistics/shipment-delivered.v1';
import { ShipmentFailed } from './logistics/shipment-failed.v1';
import { ShipmentUnplannable } from './logistics/shipment-unplannable.v1';
import { ShipmentDeparted } from './logistics/shipment-departed.v1';
import { ShipmentCheckpoint } from './logistics/shipment-checkpoint.v1';
import { ShipmentDelayed } from './logistics/shipment-delayed.v1';
import { OrderReleased } from './logistics/order-released.v1';
import { OrderReleaseRefused } from './logistics/order-release-refused.v1';
import type { EventDefinition } from './event-definition';

/** Every event type and version simpul knows, one entry per contract file. */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  OfferPublished,
  OfferChanged,
  OfferSoldOut,
  OfferWithdrawn,
  OfferExpired,
  ProducerRegistered,
  ProducerVerified,
  ProducerSuspended,
  AllocationMade,
  AllocationReleased,
  RequestSubmitted,
  RequestStatusChanged,
  OrderConfirmed,
  OrderStatusChanged,
  SubscriptionPaused,
  MatchingOfferUpdated,
  MatchingOfferClosed,
  MatchingRequestSubmitted,
  MatchingRequestCancelled,
  MatchingAllocationsReleased,
  MatchingCeilingSet,
  MatchingClockTicked,
  CeilingSet,
  MarketPricesObserved,
  AlertChanged,
  ShipmentPlanned,
  ShipmentDelivered,
  ShipmentFailed,
  ShipmentUnplannable,
  ShipmentDeparted,
  ShipmentCheckpoint,
  ShipmentDelayed,
  OrderReleased,
  OrderReleaseRefused,
] as EventDefinition[];

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return EVENT_CATALOG.find(
    (definition) => definition.type === type && definition.version === version,
  );
}
