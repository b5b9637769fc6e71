import { Injectable } from '@nestjs/common';
import {
  causedBy,
  createEnvelope,
  type EventEnvelope,
  MatchingCeilingSet,
  MatchingOfferClosed,
  MatchingOfferUpdated,
  type MatchingOfferUpdatedV1,
  type CeilingSetV1,
  type OfferChangedV1,
  type OfferPublishedV1,
} from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import type { EntityManager } from 'typeorm';
import { BuyerDirectory } from '../buyers/buyer-directory';

/**
 * The intake: catalog and pricing events become matching inputs in the commodity's sequence
 * (orders.matching.v1). It keeps the catalog's terms of each offer so that a change, which
 * carries only what changed, can be forwarded as the full terms the engine needs.
 */
@Injectable()
export class OfferIntakeHandler {
  constructor(private readonly buyers: BuyerDirectory) {}

  async published(
    events: readonly EventEnvelope<OfferPublishedV1>[],
    manager: EntityManager,
  ): Promise<void> {
    const scales = await this.buyers.gradeScales(manager);
    const records = [];
    for (const event of events) {
      const offer = event.data;
      await manager.query(
        `INSERT INTO offer_book (offer_id, producer_id, commodity_code, unit, offered_amount, remaining_amount,
           unit_price_idr, grade, available_from, available_until, origin_hub, source_event_id,
           min_order_quantity, best_before, certificates)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (offer_id) DO NOTHING`,
        [
          offer.offerId,
          offer.producerId,
          offer.commodityCode,
          offer.quantity.unit,
          offer.quantity.amount,
          offer.unitPriceIdr,
          offer.grade,
          offer.availableFrom,
          offer.availableUntil,
          offer.originHub,
          event.id,
          offer.minOrderQuantity ?? null,
          offer.bestBefore ?? null,
          offer.producerCertificates ?? [],
        ],
      );
      const rank = scales.get(offer.commodityCode)?.indexOf(offer.grade) ?? -1;
      const data: MatchingOfferUpdatedV1 = {
        offerId: offer.offerId,
        producerId: offer.producerId,
        commodityCode: offer.commodityCode,
        quantity: offer.quantity,
        unitPriceIdr: offer.unitPriceIdr,
        grade: offer.grade,
        gradeRank: rank < 0 ? null : rank,
        ...(offer.minOrderQuantity ? { minOrderQuantity: offer.minOrderQuantity } : {}),
        availableFrom: offer.availableFrom,
        availableUntil: offer.expiresAt ?? offer.availableUntil,
        ...(offer.bestBefore ? { bestBefore: offer.bestBefore } : {}),
        certificates: offer.producerCertificates ?? [],
      };
      records.push(this.forward(MatchingOfferUpdated, data, event));
    }
    await appendToOutbox(manager, records);
  }

  async changed(event: EventEnvelope<OfferChangedV1>, manager: EntityManager): Promise<void> {
    const change = event.data;
    const [row] = await manager.query(
      `UPDATE offer_book SET offered_amount = $2, unit_price_idr = $3, available_until = $4
       WHERE offer_id = $1 RETURNING *`,
      [change.offerId, change.quantity.amount, change.unitPriceIdr, change.availableUntil],
    );
    if (!row) return; // an offer published before this service started listening
    const scales = await this.buyers.gradeScales(manager);
    const rank = scales.get(row.commodity_code)?.indexOf(row.grade) ?? -1;
    const data: MatchingOfferUpdatedV1 = {
      offerId: row.offer_id,
      producerId: row.producer_id,
      commodityCode: row.commodity_code,
      quantity: change.quantity,
      unitPriceIdr: change.unitPriceIdr,
      grade: row.grade,
      gradeRank: rank < 0 ? null : rank,
      ...(row.min_order_quantity ? { minOrderQuantity: Number(row.min_order_quantity) } : {}),
      availableFrom: new Date(row.available_from).toISOString(),
      availableUntil: change.availableUntil,
      ...(row.best_before ? { bestBefore: new Date(row.best_before).toISOString() } : {}),
      certificates: row.certificates,
    };
    await appendToOutbox(manager, [this.forward(MatchingOfferUpdated, data, event)]);
  }

  async closed(
    event: EventEnvelope<{ offerId: string }>,
    reason: string,
    manager: EntityManager,
  ): Promise<void> {
    const [row] = await manager.query(
      'UPDATE offer_book SET closed_reason = $2 WHERE offer_id = $1 RETURNING commodity_code',
      [event.data.offerId, reason],
    );
    if (!row) return;
    const data = {
      offerId: event.data.offerId,
      commodityCode: row.commodity_code as string,
      reason,
    };
    await appendToOutbox(manager, [this.forward(MatchingOfferClosed, data, event)]);
  }

  async ceiling(event: EventEnvelope<CeilingSetV1>, manager: EntityManager): Promise<void> {
    const { commodityCode, unitPriceIdr, reference } = event.data;
    const data = { commodityCode, unitPriceIdr, reference };
    await appendToOutbox(manager, [this.forward(MatchingCeilingSet, data, event)]);
  }

  private forward<T extends { commodityCode: string }>(
    definition: Parameters<typeof createEnvelope<T>>[0],
    data: T,
    cause: EventEnvelope,
  ) {
    const subject = (data as { offerId?: string }).offerId ?? data.commodityCode;
    return toOutboxRecord(
      definition,
      createEnvelope(definition, { source: 'orders', subject, data, ...causedBy(cause) }),
    );
  }
}
