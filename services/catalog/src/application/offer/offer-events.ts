import { createEnvelope, OfferPublished } from '@simpul/contracts';
import { type OutboxRecord, toOutboxRecord } from '@simpul/persistence';
import { expiresAt, type SupplyOffer } from '../../domain/offer/supply-offer';
import { certificatesOf, type Producer } from '../../domain/producer/producer';

/** The outbox row announcing that an offer is on the hub, with the certificates its producer holds. */
export function offerPublishedRecord(offer: SupplyOffer, producer: Producer): OutboxRecord {
  const data = {
    offerId: offer.id,
    producerId: offer.producerId,
    commodityCode: offer.commodityCode,
    quantity: offer.quantity,
    unitPriceIdr: offer.unitPriceIdr,
    grade: offer.grade,
    availableFrom: offer.availableFrom.toISOString(),
    availableUntil: offer.availableUntil.toISOString(),
    originHub: offer.originHub,
    ...(offer.minOrderQuantity !== null ? { minOrderQuantity: offer.minOrderQuantity } : {}),
    ...(offer.productionDate ? { productionDate: offer.productionDate.toISOString() } : {}),
    expiresAt: expiresAt(offer).toISOString(),
    ...(offer.shelfLifeEndsAt ? { bestBefore: offer.shelfLifeEndsAt.toISOString() } : {}),
    producerCertificates: certificatesOf(producer),
  };
  return toOutboxRecord(
    OfferPublished,
    createEnvelope(OfferPublished, { source: 'catalog', subject: offer.id, data }),
  );
}
