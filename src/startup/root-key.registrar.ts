import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ChangesService } from '../changes/changes.service';
import { DatabaseService } from '../database/database.service';
import { ADMIN_SCOPE } from '../domain/permission';
import { User } from '../users/user.entity';
import { ApiKey } from '../keys/api-key.entity';
import { KeyStatus, KeyTier } from '../domain/key-tier';
import { KeyTokensService } from '../keys/key-tokens.service';

/** The current root key's name: a label only, the key is known by `isRoot`. */
export const ROOT_KEY_NAME = 'root';

/** What a start did with the token in the key file. */
export type RootKeyOutcome =
  /** The token is the current root key's: nothing to do. */
  | { kind: 'current'; keyId: string }
  /** A new root key with a new id; `revokedKeyIds` are the root keys it replaced. */
  | { kind: 'registered' | 'rotated'; keyId: string; reason: string; revokedKeyIds: string[] }
  /** The token is a revoked or leak-reported root key's, or another key's: not registered. */
  | { kind: 'refused'; keyId: string; reason: 'revoked' | 'not_root' };

/**
 * The root user's bootstrap key in the database (SPEC section 3). Revoked
 * root keys are kept (inactive, flagged) so that their token is recognised
 * and refused if an old key file comes back.
 */
@Injectable()
export class RootKeyRegistrar {
  constructor(
    private readonly tokens: KeyTokensService,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
    private readonly changes: ChangesService,
  ) {}

  /**
   * Makes `token` the root user's key unless it already is, or it belongs to
   * another key or to a revoked root key. `madeKeyFile`: this start wrote the
   * file because it was missing.
   */
  async register(ownerId: string, token: string, madeKeyFile: boolean): Promise<RootKeyOutcome> {
    const { keyHash, maskedKey } = this.tokens.describe(token);
    const outcome = await this.database.transaction(async (manager) => {
      // Instances starting together on one database take turns.
      await this.database
        .forUpdate(
          manager.createQueryBuilder(User, 'user').where('user.id = :ownerId', { ownerId }),
        )
        .getOne();
      const holder = await manager
        .createQueryBuilder(ApiKey, 'key')
        .addSelect('key.keyHash')
        .where('key.keyHash = :keyHash OR key.previousKeyHash = :keyHash', { keyHash })
        .getOne();
      if (holder) return judgeHolder(holder, keyHash);
      return this.replaceRootKey(manager, ownerId, { keyHash, maskedKey }, madeKeyFile);
    });
    if (outcome.kind === 'registered' || outcome.kind === 'rotated') {
      for (const id of outcome.revokedKeyIds) await this.changes.publish({ type: 'key', id });
    }
    return outcome;
  }

  /** Registers the new token as a new root key, revoking the current one. */
  private async replaceRootKey(
    manager: EntityManager,
    ownerId: string,
    token: { keyHash: string; maskedKey: string },
    madeKeyFile: boolean,
  ): Promise<RootKeyOutcome> {
    const now = new Date();
    const rootKeys = await manager.findBy(ApiKey, { ownerId, isRoot: true });
    const revoked = rootKeys.filter((key) => key.name === ROOT_KEY_NAME);
    for (const key of revoked) {
      // The name goes to the new key; the old one keeps a name that says why it is off.
      await manager.update(
        ApiKey,
        { id: key.id },
        {
          name: `${ROOT_KEY_NAME} (revoked ${now.toISOString()})`,
          status: KeyStatus.Inactive,
          updatedAt: now,
        },
      );
    }
    const id = randomUUID();
    await manager.insert(ApiKey, {
      id,
      ownerId,
      name: ROOT_KEY_NAME,
      ...token,
      previousKeyHash: null,
      previousKeyExpiresAt: null,
      scopes: [ADMIN_SCOPE],
      tier: KeyTier.Enterprise,
      status: KeyStatus.Active,
      isRoot: true,
      leakedAt: null,
      expiresAt: null,
      allowedIps: [],
      lastUsed: null,
      lastUsedIp: null,
      createdAt: now,
      updatedAt: now,
    });
    const kind = rootKeys.length === 0 ? 'registered' : 'rotated';
    const reason = REASONS[kind][madeKeyFile ? 'madeKeyFile' : 'readKeyFile'];
    const revokedKeyIds = revoked.map((key) => key.id);
    await this.audit.record(
      {
        action: `auth.root_key_${kind}`,
        actor: null,
        targetType: 'api_key',
        targetId: id,
        ip: null,
        details: { reason, masked_key: token.maskedKey, revoked_key_ids: revokedKeyIds },
      },
      manager,
    );
    return { kind, keyId: id, reason, revokedKeyIds };
  }
}

/** Why a new root key was made, as the log and the audit event say it. */
const REASONS = {
  registered: {
    madeKeyFile: 'no root key in the database: a new key was made and written to the key file',
    readKeyFile: 'no root key in the database (reset?): the key in the key file was registered',
  },
  rotated: {
    madeKeyFile: 'the key file was missing: a new key was made and replaced the root key',
    readKeyFile: 'the key file holds a token the database does not know: it replaced the root key',
  },
} as const;

function judgeHolder(holder: ApiKey, keyHash: string): RootKeyOutcome {
  if (!holder.isRoot) return { kind: 'refused', keyId: holder.id, reason: 'not_root' };
  const usable = holder.keyHash === keyHash && holder.status === KeyStatus.Active;
  return usable
    ? { kind: 'current', keyId: holder.id }
    : { kind: 'refused', keyId: holder.id, reason: 'revoked' };
}
