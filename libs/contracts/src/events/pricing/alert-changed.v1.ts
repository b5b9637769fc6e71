import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

export const ALERT_RULES = [
  'PRICE_RISE',
  'VOLATILITY',
  'ABOVE_REFERENCE',
  'BELOW_PRODUCER_HAP',
] as const;
export const ALERT_TIERS = ['rising', 'waspada', 'siaga', 'kritis'] as const;
export const ALERT_TRANSITIONS = ['raised', 'escalated', 'de-escalated', 'resolved'] as const;

/**
 * A price-stability alert changed: raised once, escalated or de-escalated as its tier moves,
 * resolved when the condition is gone. Never repeated while nothing changes.
 */
export class AlertChangedV1 {
  @IsUUID('all')
  alertId: string;

  @IsIn(ALERT_TRANSITIONS)
  transition: (typeof ALERT_TRANSITIONS)[number];

  @IsIn(ALERT_RULES)
  rule: (typeof ALERT_RULES)[number];

  @IsCommodityCode()
  commodityCode: string;

  @IsIn(['producer', 'wholesale', 'consumer'])
  level: string;

  @IsIn(['blitar', 'jakarta'])
  region: string;

  /** For PRICE_RISE: rising (> 5 %), waspada (> 8 %), siaga (> 12 %), kritis (> 20 %). */
  @ValidateIf((_, value) => value !== null)
  @IsIn(ALERT_TIERS)
  tier: (typeof ALERT_TIERS)[number] | null;

  /** The figure behind it: rise %, CV %, or deviation from the reference %. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  message: string;

  @IsISO8601({ strict: true })
  at: string;
}

export const AlertChanged = defineEvent({
  type: 'pricing.alert.changed',
  version: 1,
  topic: TOPICS.pricingAlerts,
  payload: AlertChangedV1,
  key: (payload: AlertChangedV1) => payload.commodityCode,
  description: 'A price-stability alert was raised, escalated, de-escalated or resolved.',
});
