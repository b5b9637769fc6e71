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
] as EventDefinition[];

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return EVENT_CATALOG.find(
    (definition) => definition.type === type && definition.version === version,
  );
}
