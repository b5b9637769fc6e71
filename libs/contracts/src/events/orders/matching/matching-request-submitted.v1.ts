import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsPositive,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { QuantityV1 } from '../../catalog/offer-published.v1';
import { TOPICS } from '../../../topics/topic-registry';
import { IsCommodityCode } from '../../../validation/commodity-code';
import { defineEvent } from '../../event-definition';

/**
 * Matching input: a BUMD purchase request, with everything the engine needs resolved when it
 * was placed (grade rank, trading unit, transit hours), so that a replay needs nothing else.
 */
export class MatchingRequestSubmittedV1 {
  @IsUUID('all')
  requestId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  buyerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @ValidateNested()
  @Type(() => QuantityV1)
  quantity: QuantityV1;

  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @IsPositive()
  tradingUnit: number;

  @IsInt()
  @IsPositive()
  maxUnitPriceIdr: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  minGrade: string;

  @IsInt()
  @Min(0)
  minGradeRank: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  destinationCode: string;

  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  transitHours: number;

  @IsISO8601({ strict: true })
  deliverBy: string;

  @IsInt()
  @Min(0)
  minShelfLifeHoursOnArrival: number;

  @IsIn(['halal', 'nkv'], { each: true })
  @ArrayUnique()
  requiredCertificates: string[];

  @IsBoolean()
  allowPartial: boolean;

  @IsISO8601({ strict: true })
  expiresAt: string;
}

export const MatchingRequestSubmitted = defineEvent({
  type: 'orders.matching.request-submitted',
  version: 1,
  topic: TOPICS.ordersMatching,
  payload: MatchingRequestSubmittedV1,
  key: (payload: MatchingRequestSubmittedV1) => payload.commodityCode,
  description: 'Matching input: a purchase request to be matched against the book.',
});
