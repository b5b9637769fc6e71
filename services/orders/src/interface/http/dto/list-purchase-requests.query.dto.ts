import { PageLimit } from '@simpul/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, REQUEST_STATUSES } from '@simpul/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class ListPurchaseRequestsQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Hub roles only; a BUMD always sees its own' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{1,63}$/)
  buyerId?: string;

  @PageLimit({ maximum: 500, default: 50 })
  limit?: number;
}

export class ListOrdersQueryDto extends ListPurchaseRequestsQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  declare status?: string;
}
