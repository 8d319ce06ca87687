import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { DEFAULT_TIER, KeyStatus, KeyTier } from '../domain/key-tier';
import { Role } from '../domain/permission';
import type { Principal } from '../domain/principal';
import { DatabaseService } from '../database/database.service';
import { actsOnAllUsers } from '../permissions/grants';
import { PermissionsService } from '../permissions/permissions.service';
import { UsersService } from '../users/users.service';
import { ApiKey } from './api-key.entity';
import { CreateKeyDto } from './dto/create-key.dto';
import { keyEvent } from './key-changes';
import { resolveExpiry } from './key-expiry';
import { KeyTokensService } from './key-tokens.service';
import { assertMaySetTier, saveUniquelyNamed } from './key-write-rules';
import { keysConfig } from './keys.config';
import { KeysRepository } from './keys.repository';

export interface NewKey {
  ownerId: string;
  name: string;
  scopes: string[];
  tier: KeyTier;
  expiresAt: Date | null;
  allowedIps: string[];
}

/** Creating keys: who may own them, what they may hold, how many a user may have. */
@Injectable()
export class KeyCreationService {
  constructor(
    private readonly keys: KeysRepository,
    @Inject(keysConfig.KEY) private readonly config: ConfigType<typeof keysConfig>,
    private readonly tokens: KeyTokensService,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly permissions: PermissionsService,
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
      if (!(await this.keys.lockOwner(manager, input.ownerId))) throw ApiError.notFound('User');
      const owned = await this.keys.countOwnedBy(manager, input.ownerId);
      if (owned >= this.config.maxPerUser) {
        throw ApiError.conflict(
          `This user already has ${this.config.maxPerUser} keys, the most allowed; delete one first.`,
          'key_limit_reached',
        );
      }
      await saveUniquelyNamed(() => this.keys.insert(manager, key), key.name);
      await this.audit.record(
        keyEvent(
          key.id,
          'key.created',
          { actor, ip },
          {
            name: key.name,
            owner_id: key.ownerId,
            scopes: key.scopes,
            tier: key.tier,
          },
        ),
        manager,
      );
    });
    return { key, token };
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
}
