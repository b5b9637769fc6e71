import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'supply_offers' })
export class SupplyOfferOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId: string;

  @Column({ name: 'commodity_code', type: 'text' })
  commodityCode: string;

  @Column({ name: 'quantity_amount', type: 'numeric', precision: 14, scale: 3 })
  quantityAmount: string;

  @Column({ name: 'remaining_amount', type: 'numeric', precision: 14, scale: 3 })
  remainingAmount: string;

  @Column({ type: 'text' })
  unit: string;

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

  @Column({ name: 'min_order_quantity', type: 'numeric', precision: 14, scale: 3, nullable: true })
  minOrderQuantity: string | null;

  @Column({ name: 'production_date', type: 'timestamptz', nullable: true })
  productionDate: Date | null;

  @Column({ name: 'shelf_life_ends_at', type: 'timestamptz', nullable: true })
  shelfLifeEndsAt: Date | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
