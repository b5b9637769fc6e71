import { TOPICS } from '../../../topics/topic-registry';
import { IsCommodityCode } from '../../../validation/commodity-code';
import { defineEvent } from '../../event-definition';

/** Matching input: time passed (the envelope's time); requests due to expire do so. */
export class MatchingClockTickedV1 {
  @IsCommodityCode()
  commodityCode: string;
}

export const MatchingClockTicked = defineEvent({
  type: 'orders.matching.clock-ticked',
  version: 1,
  topic: TOPICS.ordersMatching,
  payload: MatchingClockTickedV1,
  key: (payload: MatchingClockTickedV1) => payload.commodityCode,
  description: "Matching input: the book's clock moves to the envelope time; due requests expire.",
});
