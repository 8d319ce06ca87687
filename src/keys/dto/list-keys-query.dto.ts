import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';
import { UnusedDays } from './unused-days';
import { NormalizeText } from '../../common/validators';

export const KEY_SORT_FIELDS = ['created_at', 'name', 'expires_at', 'last_used'] as const;
export type KeySortField = (typeof KEY_SORT_FIELDS)[number];
export const KEY_STATUS_FILTERS = ['active', 'inactive', 'expired'] as const;
export type KeyStatusFilter = (typeof KEY_STATUS_FILTERS)[number];

export class ListKeysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'name', enum: KEY_SORT_FIELDS, default: 'created_at' })
  @IsOptional()
  @IsIn(KEY_SORT_FIELDS)
  sort: KeySortField = 'created_at';

  @ApiPropertyOptional({ example: 'asc', enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';

  @ApiPropertyOptional({
    example: 'active',
    enum: KEY_STATUS_FILTERS,
    description:
      '`active`: enabled and not expired; `inactive`: disabled; `expired`: past its expiry, enabled or not.',
  })
  @IsOptional()
  @IsIn(KEY_STATUS_FILTERS)
  status?: KeyStatusFilter;

  @ApiPropertyOptional({
    example: 'deploy',
    maxLength: 128,
    description: 'Name contains this text (compared in Unicode NFC, as names are stored).',
  })
  @IsOptional()
  @NormalizeText({ trim: false })
  @IsString()
  @MaxLength(128)
  q?: string;

  @ApiPropertyOptional({
    example: '2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9',
    format: 'uuid',
    description: "Admins only: one user's keys.",
  })
  @IsOptional()
  @IsUUID()
  owner_id?: string;

  @UnusedDays('Only keys unused for N days.')
  unused_days?: number;
}
