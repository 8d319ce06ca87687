import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';

export class ListAuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'key.created', description: 'Only events with this action.' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'action must look like key.created' })
  action?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'key.created' }) action!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actor_user_id!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actor_key_id!: string | null;
  @ApiProperty({ example: 'api_key' }) target_type!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) target_id!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: { name: 'ci-deploy' } }) details!: Record<string, unknown>;
}
