import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { KeyStateCache } from '../key-cache/key-state.cache';
import { DatabaseService } from '../database/database.service';
import { ADMIN_SCOPE } from '../permissions/permission';
import { ApiKey, KeyStatus, KeyTier } from './api-key.entity';
import { KeyTokensService } from './key-tokens.service';

/** The bootstrap key's name; with its owner `root`, it is managed only through the key file. */
export const ROOT_KEY_NAME = 'root';

/** The root user's bootstrap key in the database (SPEC section 3). */
@Injectable()
export class RootKeyRegistrar {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly tokens: KeyTokensService,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
    private readonly keyCache: KeyStateCache,
  ) {}

  /**
   * Makes `token` the root user's bootstrap key: registers it on first start or
   * after a database reset, and replaces (revokes) the previous root token
   * when the key file was deleted.
   */
  async register(ownerId: string, token: string): Promise<{ revokedPrevious: boolean }> {
    const { keyHash, maskedKey } = this.tokens.describe(token);
    if (await this.keys.existsBy({ keyHash })) return { revokedPrevious: false };
    const outcome = await this.database.transaction(async (manager) => {
      const now = new Date();
      const fresh = {
        keyHash,
        previousKeyHash: null,
        previousKeyExpiresAt: null,
        maskedKey,
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
    await this.keyCache.invalidate();
    return outcome;
  }
}
