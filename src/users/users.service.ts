import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../domain/principal';
import { ApiError } from '../common/api-error';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { unlessTaken } from '../common/database-errors';
import { ChangesService } from '../changes/changes.service';
import { DatabaseService } from '../database/database.service';
import { Role } from '../domain/permission';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { diffUser, rootChangeRefusal, userChangeEvents } from './user-changes';
import { User, UserStatus } from './user.entity';

export const ROOT_USER_NAME = 'root';

/** Who made a change, for the audit trail. */
export interface Actor {
  principal: Principal;
  ip: string;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
    private readonly changes: ChangesService,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  async get(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw ApiError.notFound('User');
    return user;
  }

  /** One page of users, oldest first (the root user leads). */
  async list(
    query: PageQueryDto & { role?: Role; status?: UserStatus },
  ): Promise<{ users: User[]; total: number }> {
    const where = {
      ...(query.role && { role: query.role }),
      ...(query.status && { status: query.status }),
    };
    const [users, total] = await this.users.findAndCount({
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      ...pageWindow(query),
    });
    return { users, total };
  }

  async create(dto: CreateUserDto, actor: Actor): Promise<User> {
    const now = new Date();
    const user = this.users.create({
      id: randomUUID(),
      name: dto.name,
      email: dto.email ?? null,
      role: dto.role,
      status: dto.status ?? UserStatus.Active,
      createdAt: now,
      updatedAt: now,
    });
    await this.database.transaction(async (manager) => {
      await uniquely(() => manager.insert(User, user));
      await this.recordEvent(manager, actor, user.id, 'user.created', {
        name: user.name,
        role: user.role,
        status: user.status,
      });
    });
    return user;
  }

  /**
   * Changes a user. Authentication decides from the owner's current role
   * and status, so a role change or a disable applies to all of the user's
   * keys from their next request.
   */
  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<User> {
    const result = await this.database.transaction(async (manager) => {
      const user = await this.lockUser(manager, id);
      const changes = diffUser(user, dto);
      const refusal = user.name === ROOT_USER_NAME ? rootChangeRefusal(changes) : null;
      if (refusal) throw ApiError.conflict(refusal);
      const events = userChangeEvents(user, changes);
      if (events.length === 0) return { user, changed: false };

      const updated = { ...user, ...changes, updatedAt: new Date() };
      await uniquely(() =>
        manager.update(User, { id }, { ...changes, updatedAt: updated.updatedAt }),
      );
      for (const event of events) {
        await this.recordEvent(manager, actor, id, event.action, event.details);
      }
      return { user: updated, changed: true };
    });
    if (result.changed) await this.changes.publish({ type: 'user', id });
    return result.user;
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

  /** Reads the user for a change, holding its row so concurrent changes queue up. */
  private async lockUser(manager: EntityManager, id: string): Promise<User> {
    const user = await this.database
      .forUpdate(manager.createQueryBuilder(User, 'user').where('user.id = :id', { id }))
      .getOne();
    if (!user) throw ApiError.notFound('User');
    return user;
  }

  private recordEvent(
    manager: EntityManager,
    actor: Actor,
    userId: string,
    action: string,
    details: Parameters<AuditService['record']>[0]['details'],
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        actor: actor.principal,
        targetType: 'user',
        targetId: userId,
        ip: actor.ip,
        details,
      },
      manager,
    );
  }
}

/** Runs a write; a taken name or e-mail address becomes 409 `conflict` naming the field. */
function uniquely<T>(write: () => Promise<T>): Promise<T> {
  return unlessTaken(write, (violation) => {
    const field = /email/i.test(violation.message) ? 'email' : 'name';
    return new ApiError(
      HttpStatus.CONFLICT,
      'conflict',
      `Another user already has this ${field}; choose another.`,
      [{ field, message: 'is already taken' }],
    );
  });
}
