import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNumber, IsOptional, IsPositive, Max } from 'class-validator';

export class ChangeOfferRequestDto {
  @ApiPropertyOptional({
    description: 'New total quantity, in the offer unit; never below what is allocated',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1_000_000_000)
  quantityAmount?: number;

  @ApiPropertyOptional({ description: 'Whole rupiah per unit' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(1_000_000_000)
  unitPriceIdr?: number;

  @ApiPropertyOptional({ example: '2030-01-15T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  availableUntil?: string;
}
