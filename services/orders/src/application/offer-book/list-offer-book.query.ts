import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RestingOfferOrmEntity } from '../../infrastructure/persistence/resting-offer.orm-entity';

export interface OfferBookEntry {
  offerId: string;
  producerId: string;
  commodityCode: string;
  unit: string;
  offeredAmount: number;
  remainingAmount: number;
  unitPriceIdr: number;
  grade: string;
  availableFrom: string;
  availableUntil: string;
}

@Injectable()
export class ListOfferBookQuery {
  constructor(private readonly dataSource: DataSource) {}

  async execute(commodityCode: string, limit: number): Promise<OfferBookEntry[]> {
    const rows = await this.dataSource.manager.find(RestingOfferOrmEntity, {
      where: { commodityCode },
      order: { unitPriceIdr: 'ASC', offerId: 'ASC' },
      take: limit,
    });
    return rows.map((row) => ({
      offerId: row.offerId,
      producerId: row.producerId,
      commodityCode: row.commodityCode,
      unit: row.unit,
      offeredAmount: Number(row.offeredAmount),
      remainingAmount: Number(row.remainingAmount),
      unitPriceIdr: Number(row.unitPriceIdr),
      grade: row.grade,
      availableFrom: row.availableFrom.toISOString(),
      availableUntil: row.availableUntil.toISOString(),
    }));
  }
}
