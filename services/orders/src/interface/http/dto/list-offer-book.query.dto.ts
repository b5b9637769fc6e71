import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ListOfferBookQueryDto {
  @ApiProperty({ example: 'EGG' })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, {
    message: 'commodity must be an upper-case code such as EGG',
  })
  commodity: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
