import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../permissions/permission';
import { UserStatus } from '../user.entity';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'billing-service' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'billing@example.com' })
  email!: string | null;
  @ApiProperty({ enum: Role }) role!: Role;
  @ApiProperty({ enum: UserStatus }) status!: UserStatus;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}
