import { BaseServiceConfig } from '@simpul/platform';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class CatalogConfig extends BaseServiceConfig {
  override PORT = 3001;

  /** How often open offers past their available-until are expired. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  OFFER_EXPIRY_SWEEP_MS = 30_000;
}
