import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsIn,
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

export const QUANTITY_UNITS = ['kg', 'ton', 'butir', 'ekor', 'litre', 'piece'] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

export class QuantityV1 {
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @IsPositive()
  amount: number;

  @IsIn(QUANTITY_UNITS)
  unit: QuantityUnit;
}

/** A UMKM producer put a supply offer on the BTC hub. */
export class OfferPublishedV1 {
  @IsUUID('all')
  offerId: string;

  @IsUUID('all')
  producerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @ValidateNested()
  @Type(() => QuantityV1)
  quantity: QuantityV1;

  /** Integer rupiah per unit of `quantity.unit`. */
  @IsInt()
  @IsPositive()
  unitPriceIdr: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  grade: string;

  @IsISO8601({ strict: true })
  availableFrom: string;

  @IsISO8601({ strict: true })
  availableUntil: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  originHub: string;

  /** Smallest quantity a buyer may take (added in place: optional fields are not a breaking change). */
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @IsPositive()
  minOrderQuantity?: number;

  @IsOptional()
  @IsISO8601({ strict: true })
  productionDate?: string;

  /** When the offer stops being offered: its window's end, or its shelf life's if sooner. */
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;

  /** Production date plus the commodity's shelf life; absent for goods that do not spoil. */
  @IsOptional()
  @IsISO8601({ strict: true })
  bestBefore?: string;

  /** What the producer holds (halal, nkv) when the offer was published. */
  @IsOptional()
  @IsIn(['halal', 'nkv'], { each: true })
  @ArrayUnique()
  producerCertificates?: string[];
}

export const OfferPublished = defineEvent({
  type: 'catalog.offer.published',
  version: 1,
  topic: TOPICS.catalogOffers,
  payload: OfferPublishedV1,
  key: (payload: OfferPublishedV1) => payload.commodityCode,
  description: 'A supply offer became available for matching.',
});
