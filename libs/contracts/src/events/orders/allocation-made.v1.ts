import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsPositive, IsUUID, ValidateNested } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { QuantityV1 } from '../catalog/offer-published.v1';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

/** The matching engine allocated part of a supply offer to a BUMD purchase request. */
export class AllocationMadeV1 {
  @IsUUID('all')
  allocationId: string;

  @IsUUID('all')
  offerId: string;

  @IsUUID('all')
  requestId: string;

  @IsCommodityCode()
  commodityCode: string;

  @ValidateNested()
  @Type(() => QuantityV1)
  quantity: QuantityV1;

  /** Agreed integer rupiah per unit. */
  @IsInt()
  @IsPositive()
  unitPriceIdr: number;

  @IsISO8601({ strict: true })
  allocatedAt: string;
}

export const AllocationMade = defineEvent({
  type: 'orders.allocation.made',
  version: 1,
  topic: TOPICS.ordersOrders,
  payload: AllocationMadeV1,
  key: (payload: AllocationMadeV1) => payload.commodityCode,
  description:
    'Part of an offer was allocated to a purchase request; the catalog reduces what remains.',
});
