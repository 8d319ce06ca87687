import { ApiProperty } from '@nestjs/swagger';
import { KeyStatus, KeyTier } from '../api-key.entity';

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ci-deploy' }) name!: string;
  @ApiProperty({ example: 'lk_****3f9a' }) masked_key!: string;
  @ApiProperty({ format: 'uuid' }) owner_id!: string;
  @ApiProperty({ example: ['read:assets'] }) scopes!: string[];
  @ApiProperty({ enum: KeyTier }) tier!: KeyTier;
  @ApiProperty({ enum: KeyStatus }) status!: KeyStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expires_at!: string | null;
  @ApiProperty({ description: 'True once expires_at has passed.' }) expired!: boolean;
  @ApiProperty({ example: [] }) allowed_ips!: string[];
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_used!: string | null;
  @ApiProperty({ type: String, nullable: true }) last_used_ip!: string | null;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({
    example: 'lk_9c1e…',
    description: 'The token. Shown only in this response; store it now.',
  })
  key!: string;
}
