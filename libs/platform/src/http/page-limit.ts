import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The optional `limit` of a listing's query string: a whole number from 1 to `maximum`, converted
 * from its text; `default` is what the handler uses when it is absent (documented here).
 */
export const PageLimit = ({ maximum, default: byDefault }: { maximum: number; default: number }) =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum, default: byDefault }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(maximum),
  );
