import { PageLimit } from '@simpul/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DELIVERY_STATES } from '../../../application/subscriptions/webhook-deliveries.service';

const BUYER_ID = /^[a-z][a-z0-9-]{1,63}$/;
const EVENT_TYPE = /^(\*|[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,})$/;

export class CreateSubscriptionRequestDto {
  @ApiProperty({ example: 'https://wms.pasarjaya.example/simpul/events' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({
    example: ['orders.order.confirmed', 'logistics.shipment.delayed'],
    description: 'Event types to receive, or ["*"] for all of a BUMD\'s events',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(EVENT_TYPE, {
    each: true,
    message: 'each event type must look like <service>.<aggregate>.<fact> or be "*"',
  })
  eventTypes: string[];

  @ApiPropertyOptional({
    description: 'At least 32 characters; generated (and shown once) when absent',
  })
  @IsOptional()
  @IsString()
  @MinLength(32)
  @MaxLength(256)
  secret?: string;

  @ApiPropertyOptional({ example: 'warehouse system, Kramat Jati' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({
    description: 'Also deliver events replayed from history (marked Simpul-Replay)',
  })
  @IsOptional()
  @IsBoolean()
  includeReplays?: boolean;

  @ApiPropertyOptional({ description: 'Hub roles only: the BUMD to subscribe for' })
  @IsOptional()
  @Matches(BUYER_ID)
  buyerId?: string;
}

export class RotateSecretRequestDto {
  @ApiPropertyOptional({ description: 'At least 32 characters; generated when absent' })
  @IsOptional()
  @IsString()
  @MinLength(32)
  @MaxLength(256)
  secret?: string;
}

export class BuyerQueryDto {
  @ApiPropertyOptional({ description: 'Hub roles only; a BUMD always gets its own' })
  @IsOptional()
  @Matches(BUYER_ID)
  buyerId?: string;
}

export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATES })
  @IsOptional()
  @IsIn(DELIVERY_STATES)
  state?: (typeof DELIVERY_STATES)[number];

  @ApiPropertyOptional({ description: 'Page back: deliveries of feed events before this number' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  beforeSeq?: number;

  @PageLimit({ maximum: 500, default: 50 })
  limit?: number;
}

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter(Boolean) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class FeedQueryDto extends BuyerQueryDto {
  @ApiPropertyOptional({ description: 'Only these event types (comma-separated)' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(EVENT_TYPE, {
    each: true,
    message: 'each type must look like <service>.<aggregate>.<fact>',
  })
  types?: string[];

  @ApiPropertyOptional({ description: 'Also events replayed from history', default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeReplays?: boolean;
}

export class FeedPageQueryDto extends FeedQueryDto {
  @ApiPropertyOptional({ description: 'Events after this number (0: from the first)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @PageLimit({ maximum: 1000, default: 100 })
  limit?: number;
}

export class EventTopicRequestDto {
  @ApiProperty()
  @IsBoolean()
  enabled: boolean;
}
