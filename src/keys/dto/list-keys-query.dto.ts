import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';

export const KEY_SORT_FIELDS = ['created_at', 'name', 'expires_at', 'last_used'] as const;
export type KeySortField = (typeof KEY_SORT_FIELDS)[number];
export const KEY_STATUS_FILTERS = ['active', 'inactive', 'expired'] as const;
export type KeyStatusFilter = (typeof KEY_STATUS_FILTERS)[number];

export class ListKeysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: KEY_SORT_FIELDS, default: 'created_at' })
  @IsOptional()
  @IsIn(KEY_SORT_FIELDS)
  sort: KeySortField = 'created_at';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';

  @ApiPropertyOptional({
    enum: KEY_STATUS_FILTERS,
    description:
      '`active`: enabled and not expired; `inactive`: disabled; `expired`: past its expiry, enabled or not.',
  })
  @IsOptional()
  @IsIn(KEY_STATUS_FILTERS)
  status?: KeyStatusFilter;

  @ApiPropertyOptional({ description: 'Name contains this text.' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Admins only: one user's keys." })
  @IsOptional()
  @IsUUID()
  owner_id?: string;
}
