import { Role } from '../../domain/permission';
import { UserStatus } from '../user.entity';
import { UserEmail, UserName, UserRole, UserStatusField } from './user-fields';

/** Every field optional; fields left out keep their value. */
export class UpdateUserDto {
  @UserName(false)
  name?: string;

  @UserEmail()
  email?: string | null;

  @UserRole(false)
  role?: Role;

  @UserStatusField()
  status?: UserStatus;
}
