import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { QuantityV1 } from '../catalog/offer-published.v1';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

export class OrderLineV1 {
  @IsUUID('all')
  allocationId: string;

  @IsUUID('all')
  offerId: string;

  @IsUUID('all')
  producerId: string;

  @ValidateNested()
  @Type(() => QuantityV1)
  quantity: QuantityV1;

  @IsInt()
  @IsPositive()
  unitPriceIdr: number;

  /** When the goods are at BTC, ready to load (the offer's available-from). */
  @IsOptional()
  @IsISO8601({ strict: true })
  availableFrom?: string;

  /** When the goods stop being fit for sale; absent for goods that do not spoil. */
  @IsOptional()
  @IsISO8601({ strict: true })
  bestBefore?: string;
}

/** The matching engine turned allocations into an order for a BUMD. */
export class OrderConfirmedV1 {
  @IsUUID('all')
  orderId: string;

  @IsUUID('all')
  requestId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  buyerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  destinationCode: string;

  @IsISO8601({ strict: true })
  deliverBy: string;

  /** Shelf life the buyer wants left on arrival, in hours. */
  @IsOptional()
  @IsInt()
  @Min(0)
  minShelfLifeHoursOnArrival?: number;

  @ValidateNested({ each: true })
  @Type(() => OrderLineV1)
  @ArrayMinSize(1)
  lines: OrderLineV1[];

  @IsInt()
  @IsPositive()
  totalIdr: number;
}

export const OrderConfirmed = defineEvent({
  type: 'orders.order.confirmed',
  version: 1,
  topic: TOPICS.ordersOrders,
  payload: OrderConfirmedV1,
  key: (payload: OrderConfirmedV1) => payload.orderId,
  description: 'An order was made from allocations; logistics plans its dispatch.',
});
