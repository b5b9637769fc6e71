import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The orders service's own copy of supply offers, fed by catalog.offers.v1. */
@Entity({ name: 'offer_book' })
export class RestingOfferOrmEntity {
  @PrimaryColumn({ name: 'offer_id', type: 'uuid' })
  offerId: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId: string;

  @Column({ name: 'commodity_code', type: 'text' })
  commodityCode: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ name: 'offered_amount', type: 'numeric', precision: 14, scale: 3 })
  offeredAmount: string;

  @Column({ name: 'remaining_amount', type: 'numeric', precision: 14, scale: 3 })
  remainingAmount: string;

  @Column({ name: 'unit_price_idr', type: 'bigint' })
  unitPriceIdr: string;

  @Column({ type: 'text' })
  grade: string;

  @Column({ name: 'available_from', type: 'timestamptz' })
  availableFrom: Date;

  @Column({ name: 'available_until', type: 'timestamptz' })
  availableUntil: Date;

  @Column({ name: 'origin_hub', type: 'text' })
  originHub: string;

  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId: string;
}
