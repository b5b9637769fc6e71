import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { QuantityV1 } from '../../catalog/offer-published.v1';
import { TOPICS } from '../../../topics/topic-registry';
import { IsCommodityCode } from '../../../validation/commodity-code';
import { defineEvent } from '../../event-definition';

/** An offer's full current terms, as the matching engine needs them (merged from catalog events). */
export class MatchingOfferUpdatedV1 {
  @IsUUID('all')
  offerId: string;

  @IsUUID('all')
  producerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @ValidateNested()
  @Type(() => QuantityV1)
  quantity: QuantityV1;

  @IsInt()
  @IsPositive()
  unitPriceIdr: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  grade: string;

  /** Position of the grade on the purchasing scale (0 = best), resolved at intake; null if unknown. */
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  gradeRank: number | null;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @Min(0)
  minOrderQuantity?: number;

  @IsISO8601({ strict: true })
  availableFrom: string;

  @IsISO8601({ strict: true })
  availableUntil: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  bestBefore?: string;

  @IsIn(['halal', 'nkv'], { each: true })
  @ArrayUnique()
  certificates: string[];
}

export const MatchingOfferUpdated = defineEvent({
  type: 'orders.matching.offer-updated',
  version: 1,
  topic: TOPICS.ordersMatching,
  payload: MatchingOfferUpdatedV1,
  key: (payload: MatchingOfferUpdatedV1) => payload.commodityCode,
  description: 'Matching input: an offer was published or its terms changed (full terms).',
});
