import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QuantityDto } from '@simpul/platform';
import { Type } from 'class-transformer';
import {
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';

export class SubmitPurchaseRequestDto {
  @ApiPropertyOptional({
    description: 'Only for hub operators acting for a BUMD',
    example: 'pasar-jaya',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{1,63}$/, { message: 'buyerId must be a buyer id such as pasar-jaya' })
  buyerId?: string;

  @ApiProperty({ example: 'EGG' })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, {
    message: 'commodityCode must be an upper-case code such as EGG',
  })
  commodityCode: string;

  @ApiProperty({ type: QuantityDto })
  @ValidateNested()
  @Type(() => QuantityDto)
  quantity: QuantityDto;

  @ApiProperty({ description: 'Whole rupiah per unit, the most the buyer pays', example: 28000 })
  @IsInt()
  @IsPositive()
  @Max(1_000_000_000)
  maxUnitPriceIdr: number;

  @ApiProperty({ example: 'medium' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  minGrade: string;

  @ApiProperty({ example: 'PIKJ' })
  @Matches(/^[A-Z][A-Z0-9-]{1,31}$/, {
    message: 'destinationCode must be a destination code such as PIKJ',
  })
  destinationCode: string;

  @ApiProperty({ example: '2026-12-03T00:00:00Z' })
  @IsISO8601({ strict: true })
  deliverBy: string;

  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'When what is still open lapses' })
  @IsISO8601({ strict: true })
  expiresAt: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  allowPartial?: boolean;

  @ApiPropertyOptional({
    default: 24,
    description: 'Shelf life the goods must still have on arrival',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(8760)
  minShelfLifeHoursOnArrival?: number;
}

export class ReasonDto {
  @ApiProperty({ example: 'supply found elsewhere' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
