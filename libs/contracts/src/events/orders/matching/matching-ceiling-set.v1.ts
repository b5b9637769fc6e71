import {
  IsInt,
  IsNotEmpty,
  IsPositive,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { TOPICS } from '../../../topics/topic-registry';
import { defineEvent } from '../../event-definition';

/** Matching input: the price ceiling pricing publishes for a commodity (null lifts it). */
export class MatchingCeilingSetV1 {
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/)
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
