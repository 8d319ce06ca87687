import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { MAX_DATE_TIME_CHARS, MAX_NAME_CHARS, MaxChars } from '../../common/bounds';
import { PageQueryDto } from '../../common/pagination';
import { GRANULARITIES, type Granularity, MAX_SERIES_POINTS } from '../../usage/usage-range';

/** `from` and `to` of a usage route. */
export class UsageRangeQueryDto {
  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    format: 'date-time',
    description:
      'ISO 8601, inclusive, rounded down to the hour or day (UTC). Default and widest range: see the route.',
  })
  @MaxChars(MAX_DATE_TIME_CHARS)
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-02T00:00:00Z',
    format: 'date-time',
    description: 'ISO 8601, exclusive, rounded up to the hour or day (UTC). Default: now.',
  })
  @MaxChars(MAX_DATE_TIME_CHARS)
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

export class KeyUsageQueryDto extends UsageRangeQueryDto {
  @ApiPropertyOptional({
    enum: GRANULARITIES,
    default: 'hour',
    example: 'hour',
    description: 'One point per hour (at most 31 days) or per day (at most 366 days).',
  })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity: Granularity = 'hour';
}

/** Keys of one `GET /keys/usage`: a page of the key list at most. */
export const MAX_USAGE_KEYS = 100;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const KEY_IDS = new RegExp(`^${UUID}(,${UUID}){0,${MAX_USAGE_KEYS - 1}}$`);

export class KeysUsageQueryDto extends KeyUsageQueryDto {
  @ApiProperty({
    example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b,2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9',
    pattern: KEY_IDS.source,
    description: `Key ids, comma-separated, 1 to ${MAX_USAGE_KEYS} (e.g. a page of \`GET /keys\`).`,
  })
  @MaxChars(MAX_USAGE_KEYS * 37 - 1)
  @Matches(KEY_IDS, {
    message: `ids must be 1 to ${MAX_USAGE_KEYS} key ids (UUIDs), comma-separated`,
  })
  ids!: string;
}

export class UsageCountsDto {
  @ApiProperty({ example: 118, description: 'Let through (whatever the route then answered).' })
  ok!: number;

  @ApiProperty({ example: 2, description: 'Refused: inactive, expired, owner disabled, replaced.' })
  unauthorized!: number;

  @ApiProperty({ example: 1, description: 'ip_not_allowed, insufficient_scope, a permission.' })
  forbidden!: number;

  @ApiProperty({ example: 0, description: "Refused by the key's rate limit." })
  rate_limited!: number;
}

export class UsagePointDto extends UsageCountsDto {
  @ApiProperty({
    example: '2026-12-01T13:00:00.000Z',
    format: 'date-time',
    description: 'Start of the hour or day (UTC).',
  })
  at!: string;
}

export class KeyUsageDto {
  @ApiProperty({ example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b', format: 'uuid' })
  key_id!: string;

  @ApiProperty({ enum: GRANULARITIES, example: 'hour' })
  granularity!: Granularity;

  @ApiProperty({
    type: [UsagePointDto],
    maxItems: MAX_SERIES_POINTS,
    description: 'One point per step from `from` to `to`, oldest first; zeros included.',
    example: [
      { at: '2026-12-01T12:00:00.000Z', ok: 40, unauthorized: 0, forbidden: 1, rate_limited: 0 },
      { at: '2026-12-01T13:00:00.000Z', ok: 78, unauthorized: 2, forbidden: 0, rate_limited: 0 },
    ],
  })
  series!: UsagePointDto[];
}

export const USAGE_SORT_FIELDS = [
  'total',
  'ok',
  'unauthorized',
  'forbidden',
  'rate_limited',
] as const;
export type UsageSortField = (typeof USAGE_SORT_FIELDS)[number];

export class ListUsageQueryDto extends IntersectionType(PageQueryDto, UsageRangeQueryDto) {
  @ApiPropertyOptional({ example: 'total', enum: USAGE_SORT_FIELDS, default: 'total' })
  @IsOptional()
  @IsIn(USAGE_SORT_FIELDS)
  sort: UsageSortField = 'total';

  @ApiPropertyOptional({ example: 'desc', enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}

export class KeyUsageTotalsDto extends UsageCountsDto {
  @ApiProperty({ example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b', format: 'uuid' })
  key_id!: string;

  @ApiProperty({ example: 'ci-deploy', maxLength: MAX_NAME_CHARS })
  name!: string;

  @ApiProperty({ example: '2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9', format: 'uuid' })
  owner_id!: string;

  @ApiProperty({ example: 121, description: 'The four counts added up.' })
  total!: number;
}
