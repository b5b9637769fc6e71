import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'producers' })
export class ProducerOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', unique: true })
  nib: string;

  @Column({ name: 'business_name', type: 'text' })
  businessName: string;

  @Column({ name: 'owner_name', type: 'text' })
  ownerName: string;

  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text' })
  kecamatan: string;

  @Column({ type: 'text' })
  kelurahan: string;

  @Column({ type: 'text', array: true })
  categories: string[];

  @Column({ name: 'halal_certified', type: 'boolean' })
  halalCertified: boolean;

  @Column({ name: 'nkv_number', type: 'text', nullable: true })
  nkvNumber: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
