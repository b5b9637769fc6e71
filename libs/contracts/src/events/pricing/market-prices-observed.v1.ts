import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsPositive,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { IsCommodityCode } from '../../validation/commodity-code';
import { defineEvent } from '../event-definition';

export class MarketPriceV1 {
  /** Natural key (market, commodity, day): a re-import of the same row has the same id. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  observationId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  market: string;

  /** Integer rupiah per unit. */
  @IsInt()
  @IsPositive()
  priceIdr: number;

  @IsISO8601({ strict: true })
  observedAt: string;
}

/** Retail prices seen in Jakarta markets for one commodity (a REST call or part of a CSV import). */
export class MarketPricesObservedV1 {
  @IsCommodityCode()
  commodityCode: string;

  @IsIn(['consumer', 'wholesale'])
  level: string;

  @IsIn(['jakarta', 'blitar'])
  region: string;

  @IsIn(['rest', 'csv'])
  source: string;

  @ValidateNested({ each: true })
  @Type(() => MarketPriceV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  observations: MarketPriceV1[];
}

export const MarketPricesObserved = defineEvent({
  type: 'pricing.market-prices.observed',
  version: 1,
  topic: TOPICS.pricingObservations,
  payload: MarketPricesObservedV1,
  key: (payload: MarketPricesObservedV1) => payload.commodityCode,
  description: 'Market prices observed outside simpul for one commodity, up to 1,000 per event.',
});
