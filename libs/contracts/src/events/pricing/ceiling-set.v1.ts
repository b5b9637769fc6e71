import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsPositive,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

/**
 * The price ceiling matching must obey for a commodity: the latest value per key wins (the topic
 * is compacted). `unitPriceIdr: null` lifts the ceiling.
 */
export class CeilingSetV1 {
  @IsCommodityCode()
  commodityCode: string;

  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @IsPositive()
  unitPriceIdr: number | null;

  @IsIn(['producer', 'wholesale', 'consumer'])
  priceLevel: string;

  /** The regulation or alert it comes from, e.g. "HAP Perbadan 12/2024" or "siaga alert". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;

  @IsISO8601({ strict: true })
  effectiveFrom: string;
}

export const CeilingSet = defineEvent({
  type: 'pricing.ceiling.set',
  version: 1,
  topic: TOPICS.pricingCeilings,
  payload: CeilingSetV1,
  key: (payload: CeilingSetV1) => payload.commodityCode,
  description: 'The current price ceiling of a commodity, which the matching engine obeys.',
});
