import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `page` (1-based) and `per_page` (default 20, at most 100), as in SPEC section 6. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  per_page: number = 20;
}

export interface Page<T> {
  data: T[];
  meta: { total: number; page: number; per_page: number };
}

export function toPage<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { data: items, meta: { total, page: query.page, per_page: query.per_page } };
}

/**
 * A LIKE pattern matching `text` anywhere, wildcards escaped with `!`; use it
 * with `ESCAPE '!'` (a backslash would need escaping in MySQL but not in SQLite).
 */
export function likeContains(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
