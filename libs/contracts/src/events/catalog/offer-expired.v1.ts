import { IsISO8601, IsUUID } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

/** An open offer reached the end of its availability window; what remained is no longer offered. */
export class OfferExpiredV1 {
  @IsUUID('all')
  offerId: string;

  @IsCommodityCode()
  commodityCode: string;

  /** The instant the offer stopped being available (its available-until). */
  @IsISO8601({ strict: true })
  expiredAt: string;
}

export const OfferExpired = defineEvent({
  type: 'catalog.offer.expired',
  version: 1,
  topic: TOPICS.catalogOffers,
  payload: OfferExpiredV1,
  key: (payload: OfferExpiredV1) => payload.commodityCode,
  description:
    'An offer expired at the end of its availability window, found by the scheduled sweep.',
});
