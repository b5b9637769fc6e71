import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsPositive,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { QuantityV1 } from '../catalog/offer-published.v1';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

/** A BUMD placed a purchase request; the matching engine will serve it. */
export class RequestSubmittedV1 {
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

  @IsInt()
  @IsPositive()
  maxUnitPriceIdr: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  minGrade: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  destinationCode: string;

  @IsISO8601({ strict: true })
  deliverBy: string;

  @IsBoolean()
  allowPartial: boolean;

  @IsISO8601({ strict: true })
  expiresAt: string;
}

export const RequestSubmitted = defineEvent({
  type: 'orders.request.submitted',
  version: 1,
  topic: TOPICS.ordersOrders,
  payload: RequestSubmittedV1,
  key: (payload: RequestSubmittedV1) => payload.requestId,
  description: 'A BUMD placed a purchase request.',
});
