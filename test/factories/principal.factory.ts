import { KeyTier } from '../../src/domain/key-tier';
import { Role } from '../../src/domain/permission';
import type { Principal } from '../../src/domain/principal';

/** A caller for service tests: a user of `role` presenting a key with `scopes`. */
export function principalOf(
  role: Role,
  scopes: string[] = ['admin'],
  overrides: { userId?: string; keyId?: string; tier?: KeyTier } = {},
): Principal {
  const userId = overrides.userId ?? `user-${role}`;
  return {
    user: { id: userId, name: userId, role },
    key: {
      id: overrides.keyId ?? `key-of-${userId}`,
      name: 'caller key',
      maskedKey: 'lk_****0000',
      tier: overrides.tier ?? KeyTier.Standard,
      scopes,
      expiresAt: null,
    },
  };
}
