import { randomUUID } from 'node:crypto';
import { Role } from '../../src/permissions/permission';
import { User, UserStatus } from '../../src/users/user.entity';
import { dataSourceOf } from '../support/database';
import type { TestApp } from '../support/test-app';

let sequence = 0;

/** Stores a user directly (the users API is another module's) and returns it. */
export async function insertUser(t: TestApp, overrides: Partial<User> = {}): Promise<User> {
  const now = new Date();
  const user: User = {
    id: randomUUID(),
    name: `user-${++sequence}`,
    email: null,
    role: Role.Manager,
    status: UserStatus.Active,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await dataSourceOf(t).getRepository(User).insert(user);
  return user;
}
