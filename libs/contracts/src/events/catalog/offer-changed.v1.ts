import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsPositive,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { QuantityV1 } from './offer-published.v1';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

/** A producer (or operator) changed an open offer: the full new terms, not a diff. */
export class OfferChangedV1 {
  @IsUUID('all')
  offerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @ValidateNested()
  @Type(() => QuantityV1)
  quantity: QuantityV1;

  /** What is still unallocated under the new quantity. */
  @ValidateNested()
  @Type(() => QuantityV1)
  remaining: QuantityV1;

  @IsInt()
  @IsPositive()
  unitPriceIdr: number;

  @IsISO8601({ strict: true })
  availableUntil: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  changedBy: string;
}

export const OfferChanged = defineEvent({
  type: 'catalog.offer.changed',
  version: 1,
  topic: TOPICS.catalogOffers,
  payload: OfferChangedV1,
  key: (payload: OfferChangedV1) => payload.commodityCode,
  description:
    'The terms of an open offer changed (quantity never below what is allocated, price, window).',
});
