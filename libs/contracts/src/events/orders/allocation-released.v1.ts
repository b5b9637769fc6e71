import { IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

/** An allocation was released (order cancelled, request expired): its quantity goes back to the offer. */
export class AllocationReleasedV1 {
  @IsUUID('all')
  allocationId: string;

  @IsUUID('all')
  offerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @IsISO8601({ strict: true })
  releasedAt: string;
}

export const AllocationReleased = defineEvent({
  type: 'orders.allocation.released',
  version: 1,
  topic: TOPICS.ordersOrders,
  payload: AllocationReleasedV1,
  key: (payload: AllocationReleasedV1) => payload.commodityCode,
  description: 'An allocation was released; the catalog puts its whole quantity back on the offer.',
});
