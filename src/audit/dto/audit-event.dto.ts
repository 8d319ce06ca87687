import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { MAX_IP_CHARS, MaxChars } from '../../common/bounds';
import { PageQueryDto } from '../../common/pagination';

/** Audit actions (`key.created`…) and target types (`api_key`, `user`) are the code's own names. */
const MAX_AUDIT_NAME_CHARS = 64;

export class ListAuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'key.created', description: 'Only events with this action.' })
  @MaxChars(MAX_AUDIT_NAME_CHARS)
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'action must look like key.created' })
  action?: string;
}

export class AuditEventDto {
  @ApiProperty({ example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b', format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'key.created', maxLength: MAX_AUDIT_NAME_CHARS }) action!: string;
  @ApiProperty({
    example: '2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9',
    type: String,
    format: 'uuid',
    nullable: true,
  })
  actor_user_id!: string | null;
  @ApiProperty({
    example: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
    type: String,
    format: 'uuid',
    nullable: true,
  })
  actor_key_id!: string | null;
  @ApiProperty({ example: 'api_key', maxLength: MAX_AUDIT_NAME_CHARS }) target_type!: string;
  @ApiProperty({
    example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b',
    type: String,
    format: 'uuid',
    nullable: true,
  })
  target_id!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7', maxLength: MAX_IP_CHARS })
  ip!: string | null;
  @ApiProperty({ example: '2026-01-15T09:30:00.000Z', format: 'date-time' }) at!: string;
  @ApiProperty({ example: { name: 'ci-deploy' } }) details!: Record<string, unknown>;
}
