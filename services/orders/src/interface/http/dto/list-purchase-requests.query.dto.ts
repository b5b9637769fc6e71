import { ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, REQUEST_STATUSES } from '@simpul/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ListPurchaseRequestsQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Hub roles only; a BUMD always sees its own' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{1,63}$/)
  buyerId?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ListOrdersQueryDto extends ListPurchaseRequestsQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  declare status?: string;
}
