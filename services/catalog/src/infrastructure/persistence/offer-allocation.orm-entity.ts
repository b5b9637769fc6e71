import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Allocations the catalog has applied to its offers, so that a release puts back exactly what was taken. */
@Entity({ name: 'offer_allocations' })
export class OfferAllocationOrmEntity {
  @PrimaryColumn({ name: 'allocation_id', type: 'uuid' })
  allocationId: string;

  @Column({ name: 'offer_id', type: 'uuid' })
  offerId: string;

  @Column({ name: 'quantity_amount', type: 'numeric', precision: 14, scale: 3 })
  quantityAmount: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ name: 'allocated_at', type: 'timestamptz' })
  allocatedAt: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;
}
