import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Role } from '../permissions/permission';
import { User, UserStatus } from './user.entity';

export const ROOT_USER_NAME = 'root';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** The built-in admin that owns the bootstrap key; created on first start. */
  async ensureRootUser(): Promise<User> {
    const existing = await this.users.findOneBy({ name: ROOT_USER_NAME });
    if (existing) return existing;
    const now = new Date();
    const root = this.users.create({
      id: randomUUID(),
      name: ROOT_USER_NAME,
      email: null,
      role: Role.Admin,
      status: UserStatus.Active,
      createdAt: now,
      updatedAt: now,
    });
    // Another instance starting on the same database may have won the race.
    await this.users.createQueryBuilder().insert().values(root).orIgnore().execute();
    return this.users.findOneByOrFail({ name: ROOT_USER_NAME });
  }
}
