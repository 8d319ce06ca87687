import { Role } from '../domain/permission';
import { UserStatus } from '../users/user.entity';
import { KeyStatus, KeyTier } from '../domain/key-tier';
import { decideKeyAccess, KeyMatch, type KeyState } from './key-access';

const NOW = new Date('2026-06-01T12:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

function match(
  key: Partial<KeyState> = {},
  owner: Partial<KeyState['owner']> = {},
  viaPreviousToken = false,
): KeyMatch {
  return {
    viaPreviousToken,
    key: {
      id: 'k',
      ownerId: 'u',
      keyHash: 'h',
      name: 'n',
      maskedKey: 'lk_****0000',
      scopes: [],
      tier: KeyTier.Standard,
      status: KeyStatus.Active,
      expiresAt: null,
      allowedIps: [],
      previousKeyExpiresAt: null,
      ...key,
      owner: { id: 'u', name: 'u', role: Role.Client, status: UserStatus.Active, ...owner },
    },
  };
}

describe('decideKeyAccess', () => {
  it.each<[string, KeyMatch | null, string]>([
    ['unknown token', null, 'NOT_FOUND'],
    ['active key', match(), 'VALID'],
    ['disabled key', match({ status: KeyStatus.Inactive }), 'INACTIVE'],
    ['key past its expiry', match({ expiresAt: minutes(-1) }), 'EXPIRED'],
    ['key expiring exactly now', match({ expiresAt: NOW }), 'EXPIRED'],
    ['key expiring later', match({ expiresAt: minutes(1) }), 'VALID'],
    ['disabled owner', match({}, { status: UserStatus.Disabled }), 'OWNER_DISABLED'],
    ['address outside the allowlist', match({ allowedIps: ['10.0.0.0/8'] }), 'IP_NOT_ALLOWED'],
    ['address inside the allowlist', match({ allowedIps: ['192.0.2.0/24'] }), 'VALID'],
    [
      'replaced token within its grace period',
      match({ previousKeyExpiresAt: minutes(5) }, {}, true),
      'VALID',
    ],
    [
      'replaced token after its grace period',
      match({ previousKeyExpiresAt: minutes(-5) }, {}, true),
      'NOT_FOUND',
    ],
    ['replaced token with no grace period', match({}, {}, true), 'NOT_FOUND'],
    [
      'disabled key checked before its expiry',
      match({ status: KeyStatus.Inactive, expiresAt: minutes(-1) }),
      'INACTIVE',
    ],
  ])('%s → %s', (_case, candidate, code) => {
    expect(decideKeyAccess(candidate, NOW, '192.0.2.10')).toBe(code);
  });
});
