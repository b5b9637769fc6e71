import { IsInt, IsNotEmpty, IsPositive, IsString, MaxLength, ValidateIf } from 'class-validator';
import { TOPICS } from '../../../topics/topic-registry';
import { IsCommodityCode } from '../../../validation/commodity-code';
import { defineEvent } from '../../event-definition';

/** Matching input: the price ceiling pricing publishes for a commodity (null lifts it). */
export class MatchingCeilingSetV1 {
  @IsCommodityCode()
  commodityCode: string;

  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @IsPositive()
  unitPriceIdr: number | null;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
}

export const MatchingCeilingSet = defineEvent({
  type: 'orders.matching.ceiling-set',
  version: 1,
  topic: TOPICS.ordersMatching,
  payload: MatchingCeilingSetV1,
  key: (payload: MatchingCeilingSetV1) => payload.commodityCode,
  description: 'Matching input: the ceiling allocations of this commodity must not exceed.',
});
