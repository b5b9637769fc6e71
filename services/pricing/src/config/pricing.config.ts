import { BaseServiceConfig } from '@simpul/platform';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class PricingConfig extends BaseServiceConfig {
  override PORT = 3004;

  /** How often the ceilings in force are compared with those published (regulations dated ahead). */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  CEILING_CHECK_MS = 60_000;
}
