import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

export const REQUEST_STATUSES = [
  'open',
  'partially_matched',
  'matched',
  'cancelled',
  'expired',
] as const;

export class UnfilledReasonV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  message: string;

  @IsInt()
  @Min(0)
  offers: number;
}

/** Where a purchase request stands after the matching engine looked at it. */
export class RequestStatusChangedV1 {
  @IsUUID('all')
  requestId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  buyerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @IsIn(REQUEST_STATUSES)
  status: (typeof REQUEST_STATUSES)[number];

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  filledAmount: number;

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  openAmount: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  unit: string;

  /** Why what is open is not filled yet (empty when nothing is open). */
  @ValidateNested({ each: true })
  @Type(() => UnfilledReasonV1)
  unfilledReasons: UnfilledReasonV1[];
}

export const RequestStatusChanged = defineEvent({
  type: 'orders.request.status-changed',
  version: 1,
  topic: TOPICS.ordersOrders,
  payload: RequestStatusChangedV1,
  key: (payload: RequestStatusChangedV1) => payload.requestId,
  description:
    'A purchase request was matched (in part or in full), cancelled or expired, or still waits, with the reasons why.',
});
