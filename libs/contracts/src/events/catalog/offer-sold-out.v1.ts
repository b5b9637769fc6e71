import { IsISO8601, IsUUID } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

/** Allocations took the whole quantity of an offer. */
export class OfferSoldOutV1 {
  @IsUUID('all')
  offerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @IsISO8601({ strict: true })
  soldOutAt: string;
}

export const OfferSoldOut = defineEvent({
  type: 'catalog.offer.sold-out',
  version: 1,
  topic: TOPICS.catalogOffers,
  payload: OfferSoldOutV1,
  key: (payload: OfferSoldOutV1) => payload.commodityCode,
  description: 'Nothing of the offer remains unallocated.',
});
