import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class CreateBuyerDto {
  @ApiProperty({ example: 'pd-pasar-bogor' })
  @Matches(/^[a-z][a-z0-9-]{1,63}$/, {
    message: 'id must be lower-case letters, digits and dashes',
  })
  id: string;

  @ApiProperty({ example: 'Perumda Pasar Bogor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: ['EGG', 'CHILI_RED_CURLY'] })
  @IsArray()
  @ArrayUnique()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { each: true })
  commodityCodes: string[];

  @ApiProperty({ example: ['halal'], enum: ['halal', 'nkv'], isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(['halal', 'nkv'], { each: true })
  requiredCertificates: string[];
}

export class CreateDestinationDto {
  @ApiProperty({ example: 'PIKJ-2' })
  @Matches(/^[A-Z][A-Z0-9-]{1,31}$/, {
    message: 'code must be upper-case letters, digits and dashes',
  })
  code: string;

  @ApiProperty({ example: 'Pasar Induk Kramat Jati, blok B' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'Jakarta Timur' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  area: string;

  @ApiProperty({ example: 18, description: 'Typical transit from BTC Blitar' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(240)
  transitHours: number;
}
