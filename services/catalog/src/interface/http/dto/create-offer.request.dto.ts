import { ApiProperty } from '@nestjs/swagger';
import { QuantityDto } from '@simpul/platform';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class CreateOfferRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  producerId: string;

  @ApiProperty({ example: 'EGG' })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, {
    message: 'commodityCode must be an upper-case code such as EGG',
  })
  commodityCode: string;

  @ApiProperty({ type: QuantityDto })
  @ValidateNested()
  @Type(() => QuantityDto)
  quantity: QuantityDto;

  @ApiProperty({ description: 'Whole rupiah per unit', example: 26500 })
  @IsInt()
  @IsPositive()
  @Max(1_000_000_000)
  unitPriceIdr: number;

  @ApiProperty({ example: 'medium' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  grade: string;

  @ApiProperty({ example: '2026-12-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  availableFrom: string;

  @ApiProperty({ example: '2026-12-10T00:00:00Z' })
  @IsISO8601({ strict: true })
  availableUntil: string;

  @ApiProperty({
    required: false,
    description: 'Smallest quantity a buyer may take, in the offer unit',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @IsPositive()
  minOrderQuantity?: number;

  @ApiProperty({
    required: false,
    description: 'Production or harvest date; with the commodity shelf life it bounds the offer',
    example: '2026-11-27T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  productionDate?: string;

  @ApiProperty({
    required: false,
    default: false,
    description: 'Save unpublished; publish later with POST /offers/:id/publish',
  })
  @IsOptional()
  @IsBoolean()
  draft?: boolean;

  @ApiProperty({ example: 'BTC-BLITAR' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  originHub: string;
}
