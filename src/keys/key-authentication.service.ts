import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '../domain/principal';
import { type CachedKey, KeyStateCache } from '../key-cache/key-state.cache';
import { ApiKey } from './api-key.entity';
import { decideKeyAccess, KeyAccessCode } from './key-access';
import { KeyByHashQuery } from './key-by-hash.query';
import { KeyTokensService } from './key-tokens.service';
import { LastUsedRecorder } from './last-used.recorder';

export interface AuthenticationResult {
  code: KeyAccessCode;
  principal?: Principal;
  /** The key a refused token belongs to, when one was found (its usage counts the refusal). */
  keyId?: string;
}

/**
 * Whether a presented token may be used now. The route guard and
 * `POST /keys/verify` both ask here, so they cannot disagree.
 */
@Injectable()
export class KeyAuthenticationService {
  private readonly keyByHash: KeyByHashQuery;

  constructor(
    @InjectRepository(ApiKey) keys: Repository<ApiKey>,
    private readonly tokens: KeyTokensService,
    private readonly lastUsed: LastUsedRecorder,
    private readonly cache: KeyStateCache,
  ) {
    this.keyByHash = new KeyByHashQuery(keys);
  }

  /**
   * Decided from the key's and its owner's current state (one indexed read);
   * malformed tokens never reach the database. A usable key's use is recorded.
   * A key in the cache is decided at once, without a promise: the request
   * path of nearly every request (BENCHMARKS.md).
   */
  authenticate(
    token: string,
    clientIp: string,
    now = new Date(),
  ): AuthenticationResult | Promise<AuthenticationResult> {
    if (!this.tokens.isWellFormed(token)) return { code: decideKeyAccess(null, now, clientIp) };
    const keyHash = this.tokens.hash(token);
    const key = this.cache.getOrRead(keyHash, () => this.keyByHash.find(keyHash));
    return key instanceof Promise
      ? key.then((read) => this.decide(read, keyHash, clientIp, now))
      : this.decide(key, keyHash, clientIp, now);
  }

  private decide(
    key: CachedKey | null,
    keyHash: string,
    clientIp: string,
    now: Date,
  ): AuthenticationResult {
    const match = key && { key, viaPreviousToken: key.keyHash !== keyHash };
    const code = decideKeyAccess(match, now, clientIp);
    if (!key) return { code };
    if (code !== 'VALID') return { code, keyId: key.id };
    this.lastUsed.record(key.id, clientIp, now);
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
}
