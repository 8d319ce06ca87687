import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { keysConfig } from '../config/configuration';
import { isUniqueViolation } from '../database/database-errors';
import { DatabaseService } from '../database/database.service';
import { actsOnAllUsers } from '../permissions/grants';
import { ADMIN_SCOPE, Role } from '../permissions/permission';
import { PermissionsService } from '../permissions/permissions.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { ApiKey, KeyStatus, KeyTier } from './api-key.entity';
import { CryptoRepository } from './crypto.repository';
import { CreateKeyDto } from './dto/create-key.dto';
import { decideKeyAccess, KeyAccessCode, KeyMatch } from './key-access';
import { resolveExpiry } from './key-expiry';
import { formatToken, isWellFormedToken, maskToken, TOKEN_BYTES } from './key-token';

export const ROOT_KEY_NAME = 'root';

export interface NewKey {
  ownerId: string;
  name: string;
  scopes: string[];
  tier: KeyTier;
  expiresAt: Date | null;
  allowedIps: string[];
}

export interface AuthenticationResult {
  code: KeyAccessCode;
  principal?: Principal;
}

@Injectable()
export class KeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @Inject(keysConfig.KEY) private readonly config: ConfigType<typeof keysConfig>,
    private readonly crypto: CryptoRepository,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly permissions: PermissionsService,
  ) {}

  isWellFormed(token: string): boolean {
    return isWellFormedToken(token, this.config.prefix);
  }

  /**
   * Decides whether a presented token may be used now, from the key's and its
   * owner's current state (one indexed read). Malformed tokens never reach
   * the database.
   */
  async authenticate(
    token: string,
    clientIp: string,
    now = new Date(),
  ): Promise<AuthenticationResult> {
    const match = this.isWellFormed(token) ? await this.findByToken(token) : null;
    const code = decideKeyAccess(match, now, clientIp);
    if (code !== 'VALID' || !match) return { code };
    const { key } = match;
    return {
      code,
      principal: {
        user: { id: key.owner.id, name: key.owner.name, role: key.owner.role },
        key: {
          id: key.id,
          name: key.name,
          maskedKey: key.maskedKey,
          tier: key.tier,
          scopes: key.scopes,
          expiresAt: key.expiresAt,
        },
      },
    };
  }

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
    const input: NewKey = {
      ownerId: owner.id,
      name: dto.name,
      scopes,
      tier: dto.tier ?? KeyTier.Standard,
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
    const token = this.generateToken();
    const now = new Date();
    const key = this.keys.create({
      ...input,
      id: randomUUID(),
      keyHash: this.crypto.sha256Hex(token),
      previousKeyHash: null,
      previousKeyExpiresAt: null,
      maskedKey: maskToken(token, this.config.prefix),
      status: KeyStatus.Active,
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
      await this.insertUniquelyNamed(manager, key);
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

  /**
   * Makes `token` the root user's bootstrap key: registers it on first start or
   * after a database reset, and replaces (revokes) the previous root token
   * when the key file was deleted.
   */
  async registerRootKey(ownerId: string, token: string): Promise<{ revokedPrevious: boolean }> {
    const keyHash = this.crypto.sha256Hex(token);
    if (await this.keys.existsBy({ keyHash })) return { revokedPrevious: false };
    return this.database.transaction(async (manager) => {
      const now = new Date();
      const fresh = {
        keyHash,
        previousKeyHash: null,
        previousKeyExpiresAt: null,
        maskedKey: maskToken(token, this.config.prefix),
        scopes: [ADMIN_SCOPE],
        status: KeyStatus.Active,
        expiresAt: null,
        updatedAt: now,
      };
      const existing = await manager.findOneBy(ApiKey, { ownerId, name: ROOT_KEY_NAME });
      if (!existing) {
        await manager.insert(ApiKey, {
          ...fresh,
          id: randomUUID(),
          ownerId,
          name: ROOT_KEY_NAME,
          tier: KeyTier.Enterprise,
          allowedIps: [],
          lastUsed: null,
          lastUsedIp: null,
          createdAt: now,
        });
        return { revokedPrevious: false };
      }
      await manager.update(ApiKey, { id: existing.id }, fresh);
      await this.audit.record(
        {
          action: 'auth.root_key_rotated',
          actor: null,
          targetType: 'api_key',
          targetId: existing.id,
          ip: null,
          details: { reason: 'key file missing at start-up', masked_key: fresh.maskedKey },
        },
        manager,
      );
      return { revokedPrevious: true };
    });
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

  generateToken(): string {
    return formatToken(this.config.prefix, this.crypto.randomBytes(TOKEN_BYTES));
  }

  /** One indexed read: the current hash, or the one a regeneration replaced. */
  private async findByToken(token: string): Promise<KeyMatch | null> {
    const keyHash = this.crypto.sha256Hex(token);
    const key = await this.keys
      .createQueryBuilder('key')
      .innerJoinAndSelect('key.owner', 'owner')
      .addSelect('key.keyHash')
      .where('key.keyHash = :keyHash OR key.previousKeyHash = :keyHash', { keyHash })
      .getOne();
    if (!key?.owner) return null;
    return { key: key as KeyMatch['key'], viaPreviousToken: key.keyHash !== keyHash };
  }

  /** Serialises key creation per owner (the per-user limit holds under races). */
  private async lockOwner(manager: EntityManager, ownerId: string): Promise<void> {
    const query = manager
      .createQueryBuilder(User, 'user')
      .select('user.id')
      .where('user.id = :ownerId', { ownerId });
    // SQLite writes are already serialised by DatabaseService.transaction.
    const owner = await (
      this.database.isSqlite ? query : query.setLock('pessimistic_write')
    ).getOne();
    if (!owner) throw ApiError.notFound('User');
  }

  private async insertUniquelyNamed(manager: EntityManager, key: ApiKey): Promise<void> {
    try {
      await manager.insert(ApiKey, key);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'conflict',
          `A key named "${key.name}" already exists for this user; choose another name.`,
          [{ field: 'name', message: 'is already taken' }],
        );
      }
      throw error;
    }
  }
}
