import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { COMMODITY_CATEGORIES, type CommodityCategory } from '../../../domain/commodity/commodity';
import { BLITAR_KECAMATAN } from '../../../domain/producer/blitar-kecamatan';

export class RegisterProducerRequestDto {
  @ApiProperty({ description: 'Nomor Induk Berusaha, 13 digits', example: '1234567890123' })
  @Matches(/^\d{13}$/, { message: 'nib must be exactly 13 digits' })
  nib: string;

  @ApiProperty({ example: 'UD Telur Makmur' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  businessName: string;

  @ApiProperty({ example: 'Siti Aminah' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  ownerName: string;

  @ApiProperty({ example: '+6281234567890' })
  @Matches(/^(\+62|0)8\d{7,12}$/, {
    message: 'phone must be an Indonesian mobile number such as +6281234567890',
  })
  phone: string;

  @ApiProperty({ enum: BLITAR_KECAMATAN })
  @IsIn(BLITAR_KECAMATAN, { message: 'kecamatan must be a kecamatan of Kabupaten or Kota Blitar' })
  kecamatan: string;

  @ApiProperty({ example: 'Dermojayan' })
  @IsString()
  @MinLength(2)
  @MaxLength(64)
  kelurahan: string;

  @ApiProperty({ enum: COMMODITY_CATEGORIES, isArray: true })
  @IsIn(COMMODITY_CATEGORIES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  categories: CommodityCategory[];

  @ApiProperty()
  @IsBoolean()
  halalCertified: boolean;

  @ApiProperty({
    required: false,
    description: 'Nomor Kontrol Veteriner, for animal products',
    example: 'NKV-3505-0123',
  })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9./-]{3,39}$/, {
    message: 'nkvNumber must be an NKV number such as NKV-3505-0123',
  })
  nkvNumber?: string;
}

export class StatusChangeRequestDto {
  @ApiProperty({ required: false, example: 'documents checked at BTC' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class SuspendRequestDto {
  @ApiProperty({ example: 'eggs failed the quality inspection' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
