import { ApiProperty } from '@nestjs/swagger';
import { QUANTITY_UNITS, type QuantityUnit } from '@simpul/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  CERTIFICATES,
  type Certificate,
  COMMODITY_CATEGORIES,
  type CommodityCategory,
  TEMPERATURE_CLASSES,
  type TemperatureClass,
} from '../../../domain/commodity/commodity';

export class CreateCommodityRequestDto {
  @ApiProperty({ example: 'PATIN' })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'code must be an upper-case code such as PATIN' })
  code: string;

  @ApiProperty({ example: 'Ikan patin' })
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  nameId: string;

  @ApiProperty({ example: 'Pangasius' })
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  nameEn: string;

  @ApiProperty({ enum: COMMODITY_CATEGORIES })
  @IsIn(COMMODITY_CATEGORIES)
  category: CommodityCategory;

  @ApiProperty({ enum: QUANTITY_UNITS })
  @IsIn(QUANTITY_UNITS)
  unit: QuantityUnit;

  @ApiProperty({ enum: TEMPERATURE_CLASSES })
  @IsIn(TEMPERATURE_CLASSES)
  temperatureClass: TemperatureClass;

  @ApiProperty({
    required: false,
    nullable: true,
    description: 'Days; omit when it does not spoil',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  shelfLifeDays?: number;

  @ApiProperty({ type: [String], description: 'Best to worst', example: ['standard'] })
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  grades: string[];

  @ApiProperty({ enum: CERTIFICATES, isArray: true })
  @IsIn(CERTIFICATES, { each: true })
  @ArrayUnique()
  requiredCertificates: Certificate[];
}
