import type { Commodity } from '../../domain/commodity/commodity';
import { CommodityOrmEntity } from './commodity.orm-entity';

export function commodityToDomain(row: CommodityOrmEntity): Commodity {
  return {
    code: row.code,
    nameId: row.nameId,
    nameEn: row.nameEn,
    category: row.category as Commodity['category'],
    unit: row.unit as Commodity['unit'],
    temperatureClass: row.temperatureClass as Commodity['temperatureClass'],
    shelfLifeDays: row.shelfLifeDays,
    grades: row.grades,
    requiredCertificates: row.requiredCertificates as Commodity['requiredCertificates'],
  };
}

export function commodityToOrm(commodity: Commodity): CommodityOrmEntity {
  return Object.assign(new CommodityOrmEntity(), commodity);
}
