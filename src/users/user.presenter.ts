import { UserResponseDto } from './dto/user-response.dto';
import { User } from './user.entity';

/** The public shape of a user: snake_case. */
export function presentUser(user: User): UserResponseDto {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    status: user.status,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
