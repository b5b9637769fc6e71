import { PageLimit } from '@simpul/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export const OFFER_STATUSES = [
  'draft',
  'published',
  'partially_allocated',
  'sold_out',
  'withdrawn',
  'expired',
] as const;

export class ListOffersQueryDto {
  @ApiPropertyOptional({ example: 'EGG' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, {
    message: 'commodity must be an upper-case code such as EGG',
  })
  commodity?: string;

  @ApiPropertyOptional({ enum: OFFER_STATUSES })
  @IsOptional()
  @IsIn(OFFER_STATUSES)
  status?: (typeof OFFER_STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  producerId?: string;

  @ApiPropertyOptional({
    description: 'Only offers available at this instant',
    example: '2030-01-05T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  availableAt?: string;

  @PageLimit({ maximum: 100, default: 20 })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
