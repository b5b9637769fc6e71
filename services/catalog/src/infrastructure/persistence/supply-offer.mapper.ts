import type { SupplyOffer, Unit } from '../../domain/offer/supply-offer';
import { SupplyOfferOrmEntity } from './supply-offer.orm-entity';

export function toOrmEntity(offer: SupplyOffer): SupplyOfferOrmEntity {
  return Object.assign(new SupplyOfferOrmEntity(), {
    id: offer.id,
    producerId: offer.producerId,
    commodityCode: offer.commodityCode,
    quantityAmount: String(offer.quantity.amount),
    remainingAmount: String(offer.remaining.amount),
    unit: offer.quantity.unit,
    unitPriceIdr: String(offer.unitPriceIdr),
    grade: offer.grade,
    availableFrom: offer.availableFrom,
    availableUntil: offer.availableUntil,
    originHub: offer.originHub,
    minOrderQuantity: offer.minOrderQuantity === null ? null : String(offer.minOrderQuantity),
    productionDate: offer.productionDate,
    shelfLifeEndsAt: offer.shelfLifeEndsAt,
    status: offer.status,
    publishedAt: offer.publishedAt,
  });
}

export function toDomain(row: SupplyOfferOrmEntity): SupplyOffer {
  const unit = row.unit as Unit;
  return {
    id: row.id,
    producerId: row.producerId,
    commodityCode: row.commodityCode,
    quantity: { amount: Number(row.quantityAmount), unit },
    remaining: { amount: Number(row.remainingAmount), unit },
    unitPriceIdr: Number(row.unitPriceIdr),
    grade: row.grade,
    availableFrom: row.availableFrom,
    availableUntil: row.availableUntil,
    originHub: row.originHub,
    minOrderQuantity: row.minOrderQuantity === null ? null : Number(row.minOrderQuantity),
    productionDate: row.productionDate,
    shelfLifeEndsAt: row.shelfLifeEndsAt,
    status: row.status as SupplyOffer['status'],
    publishedAt: row.publishedAt,
  };
}
