import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

/** The producer or a BTC operator took an offer off the hub; what remained is no longer offered. */
export class OfferWithdrawnV1 {
  @IsUUID('all')
  offerId: string;

  @IsCommodityCode()
  commodityCode: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  withdrawnBy: string;

  @IsISO8601({ strict: true })
  withdrawnAt: string;
}

export const OfferWithdrawn = defineEvent({
  type: 'catalog.offer.withdrawn',
  version: 1,
  topic: TOPICS.catalogOffers,
  payload: OfferWithdrawnV1,
  key: (payload: OfferWithdrawnV1) => payload.commodityCode,
  description: 'An offer was withdrawn; allocations already made stand, nothing more is allocated.',
});
