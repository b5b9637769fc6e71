import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../../topics/topic-registry';
import { IsCommodityCode } from '../../../validation/commodity-code';
import { defineEvent } from '../../event-definition';

/** Matching input: an offer left the hub (withdrawn or expired). */
export class MatchingOfferClosedV1 {
  @IsUUID('all')
  offerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export const MatchingOfferClosed = defineEvent({
  type: 'orders.matching.offer-closed',
  version: 1,
  topic: TOPICS.ordersMatching,
  payload: MatchingOfferClosedV1,
  key: (payload: MatchingOfferClosedV1) => payload.commodityCode,
  description: 'Matching input: an offer was withdrawn or expired and leaves the book.',
});
