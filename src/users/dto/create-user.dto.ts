import { Role } from '../../domain/permission';
import { UserStatus } from '../user.entity';
import { UserEmail, UserName, UserRole, UserStatusField } from './user-fields';

export class CreateUserDto {
  @UserName(true)
  name!: string;

  @UserEmail()
  email?: string | null;

  @UserRole(true)
  role!: Role;

  /** Default `active`. */
  @UserStatusField()
  status?: UserStatus;
}
