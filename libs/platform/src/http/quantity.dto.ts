import { ApiProperty } from '@nestjs/swagger';
import { QUANTITY_UNITS, type QuantityUnit } from '@simpul/contracts';
import { IsIn, IsNumber, IsPositive, Max } from 'class-validator';

/** A quantity with its unit, as every HTTP API of simpul takes it. */
export class QuantityDto {
  @ApiProperty({ example: 1000 })
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1_000_000_000)
  amount: number;

  @ApiProperty({ enum: QUANTITY_UNITS, example: 'kg' })
  @IsIn(QUANTITY_UNITS)
  unit: QuantityUnit;
}
