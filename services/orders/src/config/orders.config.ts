import { BaseServiceConfig } from '@simpul/platform';
import { Transform } from 'class-transformer';
import { IsInt, IsNumber, Max, Min } from 'class-validator';

export class OrdersConfig extends BaseServiceConfig {
  override PORT = 3002;

  /** How often the matching clock ticks for commodities with requests due to expire. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  MATCHING_CLOCK_TICK_MS = 30_000;

  /** Hours of loading at BTC before a truck leaves: matching counts them in the time to arrive. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber()
  @Min(0)
  @Max(48)
  MATCHING_LOADING_HOURS = 2;
}
