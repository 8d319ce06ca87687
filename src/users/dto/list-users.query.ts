import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';
import { Role } from '../../domain/permission';
import { UserStatus } from '../user.entity';

/** A page of users, oldest first, optionally narrowed to one role or status. */
export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'viewer', enum: Role })
  @IsOptional()
  @IsEnum(Role, { message: `role must be one of: ${Object.values(Role).join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ example: 'active', enum: UserStatus })
  @IsOptional()
  @IsEnum(UserStatus, { message: 'status must be active or disabled' })
  status?: UserStatus;
}
