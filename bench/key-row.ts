import { createHash, randomUUID } from 'node:crypto';
import { ApiKey } from '../src/keys/api-key.entity';
import { KeyStatus, KeyTier } from '../src/domain/key-tier';
import { maskToken } from '../src/keys/key-token';

/**
 * The row POST /keys would write for `token` (real hash and masked form), to
 * insert in bulk where thousands of API calls would take minutes: the
 * benchmark's seeding and tests of batched writes.
 */
export function keyRow(ownerId: string, name: string, token: string, now = new Date()): ApiKey {
  return {
    id: randomUUID(),
    ownerId,
    name,
    keyHash: createHash('sha256').update(token).digest('hex'),
    previousKeyHash: null,
    previousKeyExpiresAt: null,
    maskedKey: maskToken(token, 'lk_'),
    scopes: [],
    tier: KeyTier.Standard,
    status: KeyStatus.Active,
    leakedAt: null,
    isRoot: false,
    expiresAt: null,
    allowedIps: [],
    lastUsed: null,
    lastUsedIp: null,
    createdAt: now,
    updatedAt: now,
  };
}
