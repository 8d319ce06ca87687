import { KeyStatus, KeyTier } from '../../src/domain/key-tier';
import { Role } from '../../src/domain/permission';
import type { ApiKey } from '../../src/keys/api-key.entity';
import { UserStatus } from '../../src/users/user.entity';

/** A key with its owner as the key-state cache hands it over (an active manager's premium key). */
export function keyWithOwner(
  key: Partial<ApiKey> = {},
  owner: { role?: Role; status?: UserStatus } = {},
) {
  return {
    id: 'key-1',
    ownerId: 'owner-1',
    name: 'ci',
    keyHash: 'hash-of-token',
    maskedKey: 'lk_****nted',
    scopes: ['admin'],
    tier: KeyTier.Premium,
    status: KeyStatus.Active,
    previousKeyExpiresAt: null as Date | null,
    expiresAt: null as Date | null,
    allowedIps: [] as string[],
    ...key,
    owner: {
      id: 'owner-1',
      name: 'owner',
      role: owner.role ?? Role.Manager,
      status: owner.status ?? UserStatus.Active,
    },
  };
}
