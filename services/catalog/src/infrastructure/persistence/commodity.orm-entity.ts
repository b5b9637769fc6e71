import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'commodities' })
export class CommodityOrmEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'name_id', type: 'text' })
  nameId: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ name: 'temperature_class', type: 'text' })
  temperatureClass: string;

  @Column({ name: 'shelf_life_days', type: 'integer', nullable: true })
  shelfLifeDays: number | null;

  @Column({ type: 'text', array: true })
  grades: string[];

  @Column({ name: 'required_certificates', type: 'text', array: true })
  requiredCertificates: string[];
}
