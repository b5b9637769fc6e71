import { PageLimit } from '@simpul/platform';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ListOfferBookQueryDto {
  @ApiProperty({ example: 'EGG' })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, {
    message: 'commodity must be an upper-case code such as EGG',
  })
  commodity: string;

  @PageLimit({ maximum: 1000, default: 100 })
  limit?: number;
}
