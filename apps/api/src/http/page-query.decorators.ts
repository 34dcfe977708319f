import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/** A `limit` query parameter from 1 to `max`. */
export function Limit(max: number, fallback: number, description: string): PropertyDecorator {
  const message = `limit must be an integer from 1 to ${max}`;
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: max, default: fallback, description }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message }),
    Min(1, { message }),
    Max(max, { message }),
  );
}

/** A `cursor` query parameter: the previous page's nextCursor, opaque or (`uuid`) the last row's id. */
export function Cursor(kind: 'opaque' | 'uuid' = 'opaque'): PropertyDecorator {
  const description = 'the nextCursor of the previous page';
  if (kind === 'uuid') {
    return applyDecorators(
      ApiPropertyOptional({ format: 'uuid', description }),
      IsOptional(),
      IsUUID('all', { message: 'cursor must be a nextCursor from the previous page' }),
    );
  }
  return applyDecorators(ApiPropertyOptional({ description }), IsOptional(), IsString(), MaxLength(1000));
}
