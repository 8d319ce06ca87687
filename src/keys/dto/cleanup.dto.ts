import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { UnusedDays } from './unused-days';

export class CleanupKeysDto {
  @ApiPropertyOptional({
    example: true,
    description: 'Delete keys past their expiry, enabled or not.',
  })
  @IsOptional()
  @IsBoolean()
  expired?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Delete disabled keys.' })
  @IsOptional()
  @IsBoolean()
  inactive?: boolean;

  @ApiPropertyOptional({
    example: true,
    description: 'Delete keys that are both expired and disabled. Not with the other two.',
  })
  @IsOptional()
  @IsBoolean()
  expired_and_inactive?: boolean;

  @UnusedDays('Delete keys unused for N days (besides any other category chosen).')
  unused_days?: number;
}

export class CleanupScopeQueryDto {
  @ApiPropertyOptional({
    example: '2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9',
    format: 'uuid',
    description: "Admins only: one user's keys (default: every user's).",
  })
  @IsOptional()
  @IsUUID()
  owner_id?: string;
}

export class CleanupCountsQueryDto extends CleanupScopeQueryDto {
  @UnusedDays('Also count the keys unused for N days (`unused` in the answer).')
  unused_days?: number;
}

export class CleanupCountsDto {
  @ApiProperty({ example: 3 }) expired!: number;
  @ApiProperty({ example: 2 }) inactive!: number;
  @ApiProperty({ example: 1 }) expired_and_inactive!: number;
  @ApiPropertyOptional({ example: 5, description: 'Only with `unused_days`.' }) unused?: number;
}

export class CleanupResultDto {
  @ApiProperty({ example: 4 }) deleted!: number;
}
