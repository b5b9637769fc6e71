import { BaseServiceConfig } from '@simpul/platform';
import { Transform } from 'class-transformer';
import { IsInt, IsNumber, Max, Min } from 'class-validator';

const toNumber = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

export class LogisticsConfig extends BaseServiceConfig {
  override PORT = 3003;

  /** How often pending order lines are planned onto loads (lines arriving meanwhile consolidate). */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DISPATCH_PLANNING_INTERVAL_MS = 10_000;

  /** How often moving shipments are checked against their ETA. */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DELAY_CHECK_INTERVAL_MS = 60_000;

  /** A load filled below this (0–1, weight or volume, whichever is higher) waits for more cargo… */
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  DISPATCH_HOLD_BELOW_FILL = 0.6;

  /** …unless one of its lines must leave within this many hours to arrive in time. */
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(168)
  DISPATCH_HOLD_HORIZON_HOURS = 6;

  /** Hours between planning a load and its departure (loading at BTC). */
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(48)
  DISPATCH_LOADING_HOURS = 2;
}
