import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { keysConfig } from '../config/configuration';
import { ChangesService } from '../changes/changes.service';
import { isUniqueViolation } from '../database/database-errors';
import { DatabaseService } from '../database/database.service';
import { actsOnAllUsers } from '../permissions/grants';
import { Role } from '../permissions/permission';
import { PermissionsService } from '../permissions/permissions.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { likeContains, pageWindow } from '../common/pagination';
import { ApiKey, DEFAULT_TIER, KeyStatus, KeyTier } from './api-key.entity';
import { CreateKeyDto } from './dto/create-key.dto';
import { KeySortField, ListKeysQueryDto } from './dto/list-keys-query.dto';
import { RegenerateKeyDto } from './dto/regenerate-key.dto';
import { UpdateKeyDto } from './dto/update-key.dto';
import { isExpired } from './key-access';
import { resolveExpiry } from './key-expiry';
import { KeyTokensService } from './key-tokens.service';
import { LastUsedRecorder } from './last-used.recorder';
import { UNUSED_SINCE_CONDITION, unusedSince } from './key-unused';

export interface NewKey {
  ownerId: string;
  name: string;
  scopes: string[];
  tier: KeyTier;
  expiresAt: Date | null;
  allowedIps: string[];
}

@Injectable()
export class KeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @Inject(keysConfig.KEY) private readonly config: ConfigType<typeof keysConfig>,
    private readonly tokens: KeyTokensService,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly permissions: PermissionsService,
    private readonly lastUsed: LastUsedRecorder,
    private readonly changes: ChangesService,
  ) {}

  /**
   * Creates a key for the caller, or for `dto.owner_id` when the caller is an
   * admin, with no grant the caller does not hold itself.
   */
  async createFor(
    caller: Principal,
    dto: CreateKeyDto,
    ip: string,
  ): Promise<{ key: ApiKey; token: string }> {
    const owner = await this.resolveOwner(caller, dto.owner_id);
    const scopes = dto.scopes ?? [];
    this.permissions.assertMayGrant(caller, owner.role, scopes);
    assertMaySetTier(caller, dto.tier, DEFAULT_TIER);
    const input: NewKey = {
      ownerId: owner.id,
      name: dto.name,
      scopes,
      tier: dto.tier ?? DEFAULT_TIER,
      expiresAt: resolveExpiry(dto, new Date()),
      allowedIps: dto.allowed_ips ?? [],
    };
    return this.create(input, caller, ip);
  }

  /** Creates a key and returns it with its token, which is never stored or shown again. */
  async create(
    input: NewKey,
    actor: Principal | null,
    ip: string | null,
  ): Promise<{ key: ApiKey; token: string }> {
    const { token, keyHash, maskedKey } = this.tokens.issue();
    const now = new Date();
    const key = this.keys.create({
      ...input,
      id: randomUUID(),
      keyHash,
      previousKeyHash: null,
      previousKeyExpiresAt: null,
      maskedKey,
      status: KeyStatus.Active,
      leakedAt: null,
      lastUsed: null,
      lastUsedIp: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.database.transaction(async (manager) => {
      await this.lockOwner(manager, input.ownerId);
      const owned = await manager.countBy(ApiKey, { ownerId: input.ownerId });
      if (owned >= this.config.maxPerUser) {
        throw ApiError.conflict(
          `This user already has ${this.config.maxPerUser} keys, the most allowed; delete one first.`,
          'key_limit_reached',
        );
      }
      await this.saveUniquelyNamed(() => manager.insert(ApiKey, key), key.name);
      await this.audit.record(
        {
          action: 'key.created',
          actor,
          targetType: 'api_key',
          targetId: key.id,
          ip,
          details: { name: key.name, owner_id: key.ownerId, scopes: key.scopes, tier: key.tier },
        },
        manager,
      );
    });
    return { key, token };
  }

  /** One page of the keys the caller may see, filtered and sorted. */
  async list(
    caller: Principal,
    query: ListKeysQueryDto,
  ): Promise<{ keys: ApiKey[]; total: number }> {
    const ownerId = this.ownerScope(caller, query.owner_id);
    const now = new Date();
    const builder = this.keys.createQueryBuilder('key');
    if (ownerId) builder.andWhere('key.ownerId = :ownerId', { ownerId });
    if (query.status === 'active') {
      builder
        .andWhere('key.status = :active', { active: KeyStatus.Active })
        .andWhere('(key.expiresAt IS NULL OR key.expiresAt > :now)', { now });
    } else if (query.status === 'inactive') {
      builder.andWhere('key.status = :inactive', { inactive: KeyStatus.Inactive });
    } else if (query.status === 'expired') {
      builder.andWhere('key.expiresAt <= :now', { now });
    }
    if (query.q) builder.andWhere("key.name LIKE :q ESCAPE '!'", { q: likeContains(query.q) });
    if (query.unused_days !== undefined) {
      builder.andWhere(UNUSED_SINCE_CONDITION, unusedSince(query.unused_days, now));
    }
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const [keys, total] = await builder
      .orderBy(SORT_COLUMNS[query.sort], direction)
      .addOrderBy('key.id', direction)
      .skip(pageWindow(query).skip)
      .take(pageWindow(query).take)
      .getManyAndCount();
    return { keys: keys.map((key) => this.withLatestUse(key)), total };
  }

  async get(caller: Principal, id: string): Promise<ApiKey> {
    return this.withLatestUse(await this.findAccessible(this.keys.manager, caller, id));
  }

  /** PATCH: name, status, scopes, tier and allowlist; never the expiry. */
  async update(caller: Principal, id: string, dto: UpdateKeyDto, ip: string): Promise<ApiKey> {
    const changes = keyChanges(dto);
    if (Object.keys(changes).length === 0) {
      throw ApiError.validation('Send at least one of name, status, scopes, tier, allowed_ips.');
    }
    const updated = await this.database.transaction(async (manager) => {
      const key = await this.findAccessible(manager, caller, id, { lock: true, mutable: true });
      if (changes.scopes) this.permissions.assertMayGrant(caller, key.owner.role, changes.scopes);
      assertMaySetTier(caller, changes.tier, key.tier);
      if (changes.status === KeyStatus.Active && key.status !== KeyStatus.Active) {
        // Switching a key back on revives its token: only for a caller that could grant it.
        this.permissions.assertMayHandOut(
          caller,
          { owner: key.owner, scopes: changes.scopes ?? key.scopes },
          'enable',
        );
        if (key.leakedAt) {
          throw ApiError.conflict(
            `This key's token was reported leaked (${key.leakedAt.toISOString()}) and stays off: ` +
              `regenerate the key (POST /api/v1/keys/${id}/regenerate) for a new token, which switches it back on.`,
          );
        }
      }
      const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter(
        (field) => JSON.stringify(changes[field]) !== JSON.stringify(key[field]),
      );
      const next = Object.assign(key, changes, { updatedAt: new Date() });
      await this.saveUniquelyNamed(
        () => manager.update(ApiKey, { id }, { ...changes, updatedAt: next.updatedAt }),
        next.name,
      );
      for (const action of auditActionsFor(changed, next.status)) {
        await this.audit.record(
          {
            action,
            actor: caller,
            targetType: 'api_key',
            targetId: id,
            ip,
            details: { name: next.name, changed: changed.map(snakeCase) },
          },
          manager,
        );
      }
      return { key: next, changed: changed.length > 0 };
    });
    if (updated.changed) await this.changes.publish({ type: 'key', id });
    return this.withLatestUse(updated.key);
  }

  /**
   * A new token for the same key. The old one fails at once, or keeps working
   * for `grace_period_s`. An expired key needs a new expiry.
   */
  async regenerate(
    caller: Principal,
    id: string,
    dto: RegenerateKeyDto,
    ip: string,
  ): Promise<{ key: ApiKey; token: string }> {
    const { token, keyHash, maskedKey } = this.tokens.issue();
    const now = new Date();
    const key = await this.database.transaction(async (manager) => {
      const current = await this.findAccessible(manager, caller, id, {
        lock: true,
        mutable: true,
        withHash: true,
      });
      this.permissions.assertMayHandOut(caller, current, 'regenerate');
      const newExpiry = dto.expires_at !== undefined || dto.expires_in_days !== undefined;
      if (!newExpiry && isExpired(current.expiresAt, now)) {
        throw ApiError.validation(
          'This key has expired: send expires_at, expires_in_days or "expires_at": null.',
          [{ field: 'expires_at', message: 'required to regenerate an expired key' }],
        );
      }
      const grace = dto.grace_period_s ?? 0;
      if (current.leakedAt && grace > 0) {
        throw ApiError.conflict(
          "This key's token was reported leaked: it cannot keep working; leave grace_period_s out.",
        );
      }
      const changes = {
        keyHash,
        maskedKey,
        previousKeyHash: grace > 0 ? current.keyHash : null,
        previousKeyExpiresAt: grace > 0 ? new Date(now.getTime() + grace * 1000) : null,
        expiresAt: newExpiry ? resolveExpiry(dto, now) : current.expiresAt,
        // The new token is the remedy for a leak: the key works again with it.
        ...(current.leakedAt ? { status: KeyStatus.Active, leakedAt: null } : {}),
        updatedAt: now,
      };
      await manager.update(ApiKey, { id }, changes);
      await this.audit.record(
        {
          action: 'key.regenerated',
          actor: caller,
          targetType: 'api_key',
          targetId: id,
          ip,
          details: {
            name: current.name,
            grace_period_s: grace,
            expires_at: changes.expiresAt?.toISOString() ?? null,
            cleared_leaked_at: current.leakedAt?.toISOString() ?? null,
          },
        },
        manager,
      );
      return Object.assign(current, changes);
    });
    await this.changes.publish({ type: 'key', id });
    return { key: this.withLatestUse(key), token };
  }

  /** Deletes a key; its token fails on the next request. */
  async remove(caller: Principal, id: string, ip: string): Promise<void> {
    await this.database.transaction(async (manager) => {
      const key = await this.findAccessible(manager, caller, id, { lock: true, mutable: true });
      await manager.delete(ApiKey, { id });
      await this.audit.record(
        {
          action: 'key.deleted',
          actor: caller,
          targetType: 'api_key',
          targetId: id,
          ip,
          details: { name: key.name, owner_id: key.ownerId },
        },
        manager,
      );
    });
    await this.changes.publish({ type: 'key', id });
  }

  /**
   * Switches off every key whose current (or grace-period) token is among
   * `tokens` and marks it leaked (the first report's time stays) until it is
   * regenerated. Says nothing about which matched: anyone may call it.
   */
  async reportLeak(tokens: string[], ip: string): Promise<void> {
    const hashes = [
      ...new Set(tokens.filter((t) => this.tokens.isWellFormed(t)).map((t) => this.tokens.hash(t))),
    ];
    if (hashes.length === 0) return;
    const leaked = await this.database.transaction(async (manager) => {
      const leaked = await manager
        .createQueryBuilder(ApiKey, 'key')
        .addSelect(['key.keyHash', 'key.previousKeyHash'])
        .where('key.keyHash IN (:...hashes) OR key.previousKeyHash IN (:...hashes)', { hashes })
        .getMany();
      const now = new Date();
      for (const key of leaked) {
        await manager.update(
          ApiKey,
          { id: key.id },
          {
            status: KeyStatus.Inactive,
            leakedAt: key.leakedAt ?? now,
            previousKeyHash: null,
            previousKeyExpiresAt: null,
            updatedAt: now,
          },
        );
        await this.audit.record(
          {
            action: 'key.leak_reported',
            actor: null,
            targetType: 'api_key',
            targetId: key.id,
            ip,
            details: {
              name: key.name,
              masked_key: key.maskedKey,
              token: hashes.includes(key.keyHash) ? 'current' : 'previous',
            },
          },
          manager,
        );
      }
      return leaked;
    });
    for (const key of leaked) await this.changes.publish({ type: 'key', id: key.id });
  }

  /**
   * Which owner's keys the caller may act on: its own, or for an admin every
   * user's (`undefined`) or the one `ownerId` names.
   */
  ownerScope(caller: Principal, ownerId?: string): string | undefined {
    if (actsOnAllUsers(caller.user.role)) return ownerId;
    if (ownerId !== undefined && ownerId !== caller.user.id) {
      throw ApiError.forbidden("Only admins may act on other users' keys; leave owner_id out.");
    }
    return caller.user.id;
  }

  private async resolveOwner(
    caller: Principal,
    ownerId: string | undefined,
  ): Promise<{ id: string; role: Role }> {
    if (ownerId === undefined || ownerId === caller.user.id) return caller.user;
    if (!actsOnAllUsers(caller.user.role)) {
      throw ApiError.forbidden('Only admins may create keys for other users; leave owner_id out.');
    }
    const owner = await this.users.findById(ownerId);
    if (!owner) {
      throw ApiError.validation('owner_id names no user.', [
        { field: 'owner_id', message: 'no such user' },
      ]);
    }
    return owner;
  }

  /**
   * A key the caller may act on, with its owner; 404 for a key of another
   * user (non-admins) so that ids of others' keys are not confirmed.
   */
  private async findAccessible(
    manager: EntityManager,
    caller: Principal,
    id: string,
    options: { lock?: boolean; mutable?: boolean; withHash?: boolean } = {},
  ): Promise<OwnedKey> {
    const builder = manager
      .createQueryBuilder(ApiKey, 'key')
      .innerJoinAndSelect('key.owner', 'owner')
      .where('key.id = :id', { id });
    if (!actsOnAllUsers(caller.user.role))
      builder.andWhere('key.ownerId = :ownerId', { ownerId: caller.user.id });
    if (options.withHash) builder.addSelect('key.keyHash');
    if (options.lock) this.database.forUpdate(builder);
    const key = (await builder.getOne()) as OwnedKey | null;
    if (!key) throw ApiError.notFound('API key');
    if (options.mutable && key.isRoot) {
      throw ApiError.conflict(
        'The root key is managed through its key file: delete the file and restart to rotate it.',
      );
    }
    return key;
  }

  /** Shows a use recorded in memory but not yet written. */
  private withLatestUse(key: ApiKey): ApiKey {
    const use = this.lastUsed.pendingUse(key.id);
    if (use && (!key.lastUsed || use.at > key.lastUsed)) {
      return Object.assign(key, { lastUsed: use.at, lastUsedIp: use.ip });
    }
    return key;
  }

  /** Serialises key creation per owner (the per-user limit holds under races). */
  private async lockOwner(manager: EntityManager, ownerId: string): Promise<void> {
    const query = manager
      .createQueryBuilder(User, 'user')
      .select('user.id')
      .where('user.id = :ownerId', { ownerId });
    const owner = await this.database.forUpdate(query).getOne();
    if (!owner) throw ApiError.notFound('User');
  }

  /** Runs a write that may collide with the (owner, name) unique index: 409 then. */
  private async saveUniquelyNamed(write: () => Promise<unknown>, name: string): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'conflict',
          `A key named "${name}" already exists for this user; choose another name.`,
          [{ field: 'name', message: 'is already taken' }],
        );
      }
      throw error;
    }
  }
}

type OwnedKey = ApiKey & { owner: User };

const SORT_COLUMNS: Record<KeySortField, string> = {
  created_at: 'key.createdAt',
  name: 'key.name',
  expires_at: 'key.expiresAt',
  last_used: 'key.lastUsed',
};

type KeyChanges = Partial<Pick<ApiKey, 'name' | 'status' | 'scopes' | 'tier' | 'allowedIps'>>;

function keyChanges(dto: UpdateKeyDto): KeyChanges {
  const changes: KeyChanges = {
    name: dto.name,
    status: dto.status,
    scopes: dto.scopes,
    tier: dto.tier,
    allowedIps: dto.allowed_ips,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

/**
 * A tier is an agreement, not a caller's choice (SPEC section 5): only admins
 * set or change one; anyone else may name only the default, on a key that has it.
 */
function assertMaySetTier(
  caller: Principal,
  requested: KeyTier | undefined,
  current: KeyTier,
): void {
  if (requested === undefined || actsOnAllUsers(caller.user.role)) return;
  if (requested !== DEFAULT_TIER || current !== DEFAULT_TIER) {
    throw ApiError.forbidden(
      `Only admins set or change a key's tier; leave tier out (keys get the ${DEFAULT_TIER} tier).`,
    );
  }
}

/** key.enabled / key.disabled for a status change, key.updated for anything else. */
function auditActionsFor(changed: string[], status: KeyStatus): string[] {
  const actions: string[] = [];
  if (changed.includes('status'))
    actions.push(status === KeyStatus.Active ? 'key.enabled' : 'key.disabled');
  if (changed.some((field) => field !== 'status')) actions.push('key.updated');
  return actions;
}

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
