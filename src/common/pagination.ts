import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
/** So that the row offset stays an exact integer (the databases get it as a number). */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PER_PAGE);

/** `page` (1-based) and `per_page` of a list route (SPEC section 6). */
export class PageQueryDto {
  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({
    example: 20,
    minimum: 1,
    maximum: MAX_PER_PAGE,
    default: DEFAULT_PER_PAGE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PER_PAGE)
  per_page: number = DEFAULT_PER_PAGE;
}

export class PageMetaDto {
  @ApiProperty({ example: 42 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) per_page!: number;
}

export interface Page<T> {
  data: T[];
  meta: PageMetaDto;
}

/** TypeORM's `skip`/`take` for a page. */
export function pageWindow(query: PageQueryDto): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.per_page, take: query.per_page };
}

export function toPage<T>(data: T[], total: number, query: PageQueryDto): Page<T> {
  return { data, meta: { total, page: query.page, per_page: query.per_page } };
}

/**
 * A LIKE pattern matching `text` anywhere, wildcards escaped with `!`; use it
 * with `ESCAPE '!'` (a backslash would need escaping in MySQL but not in SQLite).
 */
export function likeContains(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
