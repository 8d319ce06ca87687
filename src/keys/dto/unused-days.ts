import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_UNUSED_DAYS } from '../key-unused';

/** `unused_days=N`: keys with no successful use in the last N days (SPEC section 10). */
export const UnusedDays = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({
      example: 90,
      minimum: 1,
      maximum: MAX_UNUSED_DAYS,
      description: `${description} No successful use in the last N days: last used before then, or never used and created before then.`,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_UNUSED_DAYS),
  );
