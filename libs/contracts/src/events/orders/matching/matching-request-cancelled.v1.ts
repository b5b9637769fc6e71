import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../../topics/topic-registry';
import { IsCommodityCode } from '../../../validation/commodity-code';
import { defineEvent } from '../../event-definition';

/** Matching input: the buyer cancelled what is still open of a request. */
export class MatchingRequestCancelledV1 {
  @IsUUID('all')
  requestId: string;

  @IsCommodityCode()
  commodityCode: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export const MatchingRequestCancelled = defineEvent({
  type: 'orders.matching.request-cancelled',
  version: 1,
  topic: TOPICS.ordersMatching,
  payload: MatchingRequestCancelledV1,
  key: (payload: MatchingRequestCancelledV1) => payload.commodityCode,
  description: 'Matching input: the open part of a purchase request is cancelled.',
});
