import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsNotEmpty,
  IsNumber,
  IsPositive,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../../../topics/topic-registry';
import { IsCommodityCode } from '../../../validation/commodity-code';
import { defineEvent } from '../../event-definition';

export class ReleasedAllocationV1 {
  @IsUUID('all')
  allocationId: string;

  @IsUUID('all')
  offerId: string;

  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @IsPositive()
  amount: number;
}

/** Matching input: an order was cancelled before dispatch; its quantity goes back to the offers. */
export class MatchingAllocationsReleasedV1 {
  @IsUUID('all')
  orderId: string;

  @IsCommodityCode()
  commodityCode: string;

  @ValidateNested({ each: true })
  @Type(() => ReleasedAllocationV1)
  @ArrayMinSize(1)
  allocations: ReleasedAllocationV1[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export const MatchingAllocationsReleased = defineEvent({
  type: 'orders.matching.allocations-released',
  version: 1,
  topic: TOPICS.ordersMatching,
  payload: MatchingAllocationsReleasedV1,
  key: (payload: MatchingAllocationsReleasedV1) => payload.commodityCode,
  description: 'Matching input: a cancelled order gives its allocations back to the book.',
});
