import { COMMODITY_CODE_PATTERN } from '@simpul/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_RULES, ALERT_TIERS } from '@simpul/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const CODE = COMMODITY_CODE_PATTERN;

export class MarketPriceItemDto {
  @ApiProperty({ example: 'Pasar Induk Kramat Jati' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  market: string;

  @ApiProperty({ example: 'CHILI_RED_CURLY' })
  @Matches(CODE, { message: 'commodity must be an upper-case code such as CHILI_RED_CURLY' })
  commodity: string;

  @ApiProperty({ example: 48500, description: 'Whole rupiah per unit' })
  @IsInt()
  @IsPositive()
  @Max(1_000_000_000)
  price: number;

  @ApiProperty({ example: '2026-09-09' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date: string;
}

export class MarketPricesDto {
  @ApiProperty({ type: [MarketPriceItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => MarketPriceItemDto)
  observations: MarketPriceItemDto[];
}

export class ReferencePriceDto {
  @ApiProperty({ example: 'RICE_MEDIUM' })
  @Matches(CODE)
  commodityCode: string;

  @ApiProperty({ enum: ['HET', 'HAP'] })
  @IsIn(['HET', 'HAP'])
  kind: 'HET' | 'HAP';

  @ApiProperty({ enum: ['producer', 'wholesale', 'consumer'] })
  @IsIn(['producer', 'wholesale', 'consumer'])
  level: 'producer' | 'wholesale' | 'consumer';

  @ApiPropertyOptional({ default: 'zone-1' })
  @IsOptional()
  @Matches(/^zone-\d$/)
  zone?: string;

  @ApiProperty({ example: 13500 })
  @IsInt()
  @IsPositive()
  @Max(100_000_000)
  minIdr: number;

  @ApiProperty({ example: 13500 })
  @IsInt()
  @IsPositive()
  @Max(100_000_000)
  maxIdr: number;

  @ApiPropertyOptional({ default: 'kg' })
  @IsOptional()
  @IsIn(['kg', 'litre', 'ekor', 'butir', 'piece'])
  unit?: string;

  @ApiProperty({ example: '2025-08-22T00:00:00Z' })
  @IsISO8601({ strict: true })
  effectiveFrom: string;

  @ApiProperty({ example: 'Keputusan Kepala Bapanas 2025 on rice HET' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  regulation: string;
}

export class CeilingOverrideDto {
  @ApiProperty({ nullable: true, example: 52000, description: 'null lifts the override' })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @IsPositive()
  @Max(100_000_000)
  unitPriceIdr: number | null;

  @ApiProperty({ example: 'siaga alert on chili; Dinas KPKP instruction' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;
}

export class SeriesQueryDto {
  @ApiPropertyOptional({ enum: ['producer', 'wholesale', 'consumer'], default: 'consumer' })
  @IsOptional()
  @IsIn(['producer', 'wholesale', 'consumer'])
  level?: string;

  @ApiPropertyOptional({ enum: ['blitar', 'jakarta'], default: 'jakarta' })
  @IsOptional()
  @IsIn(['blitar', 'jakarta'])
  region?: string;

  @ApiPropertyOptional({ default: 30, maximum: 365 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class AlertsQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: string;

  @ApiPropertyOptional({ example: 'CHILI_RED_CURLY' })
  @IsOptional()
  @Matches(CODE)
  commodity?: string;

  @ApiPropertyOptional({ enum: ALERT_RULES })
  @IsOptional()
  @IsIn(ALERT_RULES)
  rule?: string;

  @ApiPropertyOptional({ enum: ALERT_TIERS })
  @IsOptional()
  @IsIn(ALERT_TIERS)
  tier?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
