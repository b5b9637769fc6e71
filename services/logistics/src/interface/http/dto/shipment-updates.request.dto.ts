import { PageLimit } from '@simpul/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
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
  Min,
  ValidateNested,
} from 'class-validator';
import { TEMPERATURE_CLASSES, VEHICLE_TYPES } from '../../../domain/dispatch/dispatch-types';

export class AtTimeDto {
  @ApiPropertyOptional({ description: 'When it happened; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}

export class CheckpointDto extends AtTimeDto {
  @ApiProperty({ example: 'Gerbang Tol Ngawi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  checkpoint: string;

  @ApiProperty({ example: 395, description: 'Kilometres from BTC Blitar along the route' })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(5000)
  kmFromOrigin: number;
}

export class FailDto extends AtTimeDto {
  @ApiProperty({ example: 'reefer unit broke down near Ngawi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class DeliveredLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  allocationId: string;

  @ApiProperty({ example: 97 })
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  receivedAmount: number;

  @ApiProperty({ example: 3 })
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  rejectedAmount: number;

  @ApiPropertyOptional({ example: 'cracked eggs' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  rejectionReason?: string;
}

export class DeliverDto extends AtTimeDto {
  @ApiProperty({ type: [DeliveredLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => DeliveredLineDto)
  lines: DeliveredLineDto[];
}

export class ListShipmentsQueryDto {
  @ApiPropertyOptional({
    enum: ['planned', 'loading', 'departed', 'arrived', 'delivered', 'failed'],
  })
  @IsOptional()
  @IsIn(['planned', 'loading', 'departed', 'arrived', 'delivered', 'failed'])
  status?: string;

  @PageLimit({ maximum: 500, default: 50 })
  limit?: number;
}

export class CreateVehicleDto {
  @ApiProperty({ example: 'AG 8123 KA' })
  @Matches(/^[A-Z]{1,2} \d{1,4} [A-Z]{1,3}$/, { message: 'plate must look like AG 8123 KA' })
  plate: string;

  @ApiProperty({ enum: VEHICLE_TYPES })
  @IsIn(VEHICLE_TYPES)
  type: (typeof VEHICLE_TYPES)[number];

  @ApiProperty({ example: 4000 })
  @IsNumber({ maxDecimalPlaces: 1 })
  @IsPositive()
  @Max(60_000)
  payloadKg: number;

  @ApiProperty({ example: 14 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @IsPositive()
  @Max(200)
  volumeM3: number;

  @ApiProperty({ enum: TEMPERATURE_CLASSES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TEMPERATURE_CLASSES, { each: true })
  temperatureClasses: (typeof TEMPERATURE_CLASSES)[number][];

  @ApiProperty({ example: 'cv-sumber-rejeki' })
  @Matches(/^[a-z][a-z0-9-]{1,63}$/, {
    message: 'carrier must be a carrier id such as cv-sumber-rejeki',
  })
  carrier: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  inService?: boolean;
}

export class VehicleServiceDto {
  @ApiProperty()
  @IsBoolean()
  inService: boolean;
}
