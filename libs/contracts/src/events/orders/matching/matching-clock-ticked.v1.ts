import { Matches } from 'class-validator';
import { TOPICS } from '../../../topics/topic-registry';
import { defineEvent } from '../../event-definition';

/** Matching input: time passed (the envelope's time); requests due to expire do so. */
export class MatchingClockTickedV1 {
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/)
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
