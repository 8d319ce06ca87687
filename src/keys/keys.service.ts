import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../domain/principal';
import { ApiError } from '../common/api-error';
import { ChangesService } from '../changes/changes.service';
import { DatabaseService } from '../database/database.service';
import { actsOnAllUsers } from '../permissions/grants';
import { PermissionsService } from '../permissions/permissions.service';
import { ApiKey } from './api-key.entity';
import { KeyStatus } from '../domain/key-tier';
import { ListKeysQueryDto } from './dto/list-keys-query.dto';
import { RegenerateKeyDto } from './dto/regenerate-key.dto';
import { UpdateKeyDto } from './dto/update-key.dto';
import { keyChangeActions, keyChanges, keyEvent, snakeCase } from './key-changes';
import { leakReported, regeneration } from './key-rotation';
import { KeyTokensService } from './key-tokens.service';
import { assertMaySetTier, saveUniquelyNamed } from './key-write-rules';
import { KeysRepository, type OwnedKey } from './keys.repository';
import { LastUsedRecorder } from './last-used.recorder';

/** Reading, changing, rotating and deleting keys; creating them is KeyCreationService's. */
@Injectable()
export class KeysService {
  constructor(
    private readonly keys: KeysRepository,
    private readonly tokens: KeyTokensService,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
    private readonly permissions: PermissionsService,
    private readonly lastUsed: LastUsedRecorder,
    private readonly changes: ChangesService,
  ) {}

  /** One page of the keys the caller may see, filtered and sorted. */
  async list(
    caller: Principal,
    query: ListKeysQueryDto,
  ): Promise<{ keys: ApiKey[]; total: number }> {
    const ownerId = this.ownerScope(caller, query.owner_id);
    const [keys, total] = await this.keys.page(ownerId, query, new Date());
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
      await saveUniquelyNamed(
        () => this.keys.update(manager, id, { ...changes, updatedAt: next.updatedAt }),
        next.name,
      );
      for (const action of keyChangeActions(changed, next.status)) {
        const details = { name: next.name, changed: changed.map(snakeCase) };
        await this.audit.record(keyEvent(id, action, { actor: caller, ip }, details), manager);
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
      const changes = regeneration(current, dto, { keyHash, maskedKey }, now);
      await this.keys.update(manager, id, changes);
      await this.audit.record(
        keyEvent(
          id,
          'key.regenerated',
          { actor: caller, ip },
          {
            name: current.name,
            grace_period_s: dto.grace_period_s ?? 0,
            expires_at: changes.expiresAt?.toISOString() ?? null,
            cleared_leaked_at: current.leakedAt?.toISOString() ?? null,
          },
        ),
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
      await this.keys.delete(manager, id);
      await this.audit.record(
        keyEvent(
          id,
          'key.deleted',
          { actor: caller, ip },
          {
            name: key.name,
            owner_id: key.ownerId,
          },
        ),
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
      const leaked = await this.keys.findByTokenHashes(manager, hashes);
      const now = new Date();
      for (const key of leaked) {
        await this.keys.update(manager, key.id, leakReported(key, now));
        await this.audit.record(
          keyEvent(
            key.id,
            'key.leak_reported',
            { actor: null, ip },
            {
              name: key.name,
              masked_key: key.maskedKey,
              token: hashes.includes(key.keyHash) ? 'current' : 'previous',
            },
          ),
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
    const key = await this.keys.findWithOwner(manager, id, {
      ...options,
      ownerId: actsOnAllUsers(caller.user.role) ? undefined : caller.user.id,
    });
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
}
