import { ApiProperty } from '@nestjs/swagger';
import { MAX_EMAIL_CHARS, MAX_NAME_CHARS } from '../../common/bounds';
import { Role } from '../../domain/permission';
import { UserStatus } from '../user.entity';

export class UserResponseDto {
  @ApiProperty({ example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b', format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'billing-service', maxLength: MAX_NAME_CHARS }) name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'billing@example.com',
    maxLength: MAX_EMAIL_CHARS,
  })
  email!: string | null;
  @ApiProperty({ example: 'viewer', enum: Role }) role!: Role;
  @ApiProperty({ example: 'active', enum: UserStatus }) status!: UserStatus;
  @ApiProperty({ example: '2026-01-15T09:30:00.000Z', format: 'date-time' }) created_at!: string;
  @ApiProperty({ example: '2026-02-01T16:45:00.000Z', format: 'date-time' }) updated_at!: string;
}
