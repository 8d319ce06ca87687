import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { keyWithOwner } from '../../test/support/cached-key';
import { KeyStatus } from '../domain/key-tier';
import { KeyStateCache } from '../key-cache/key-state.cache';
import { UserStatus } from '../users/user.entity';
import { ApiKey } from './api-key.entity';
import { KeyAuthenticationService } from './key-authentication.service';
import { KeyTokensService } from './key-tokens.service';
import { LastUsedRecorder } from './last-used.recorder';

const TOKEN = 'lk_presented';
const NOW = new Date('2026-12-07T00:00:00Z');
const IP = '203.0.113.7';

/**
 * The real decision (decideKeyAccess) over a fake token format (`lk_…` is
 * well formed, hashing to `hash-of-token`), a fake cache that either holds
 * the key (`cached`) or reads it (`read`), and a recorder of last uses.
 */
async function authentication(stored: { cached?: unknown; read?: unknown } = {}) {
  const reads: string[] = [];
  const cache = {
    getOrRead: (hash: string) => {
      reads.push(hash);
      if ('cached' in stored) return stored.cached;
      return Promise.resolve(stored.read ?? null);
    },
  };
  const used: [string, string, Date][] = [];
  const moduleRef = await Test.createTestingModule({
    providers: [
      KeyAuthenticationService,
      { provide: getRepositoryToken(ApiKey), useValue: {} },
      {
        provide: KeyTokensService,
        useValue: { isWellFormed: (t: string) => t.startsWith('lk_'), hash: () => 'hash-of-token' },
      },
      { provide: KeyStateCache, useValue: cache },
      {
        provide: LastUsedRecorder,
        useValue: { record: (...use: [string, string, Date]) => used.push(use) },
      },
    ],
  }).compile();
  return { service: moduleRef.get(KeyAuthenticationService), reads, used };
}

describe('KeyAuthenticationService', () => {
  it('decides a cached key at once, without a promise', async () => {
    const { service } = await authentication({ cached: keyWithOwner() });
    const result = service.authenticate(TOKEN, IP, NOW);
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toMatchObject({ code: 'VALID', principal: { key: { id: 'key-1' } } });
  });

  it('decides a key the cache has to read once the read is done', async () => {
    const { service } = await authentication({ read: keyWithOwner() });
    const result = service.authenticate(TOKEN, IP, NOW);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toMatchObject({ code: 'VALID' });
  });

  it('answers NOT_FOUND to a malformed token without asking the store', async () => {
    const { service, reads } = await authentication({ cached: keyWithOwner() });
    expect(service.authenticate('not-a-token', IP, NOW)).toEqual({ code: 'NOT_FOUND' });
    expect(reads).toEqual([]);
  });

  it('answers NOT_FOUND, with no key id, to a well-formed token of no key', async () => {
    const { service, reads } = await authentication({ read: null });
    await expect(service.authenticate(TOKEN, IP, NOW)).resolves.toEqual({ code: 'NOT_FOUND' });
    expect(reads).toEqual(['hash-of-token']);
  });

  it.each([
    ['INACTIVE', keyWithOwner({ status: KeyStatus.Inactive })],
    ['EXPIRED', keyWithOwner({ expiresAt: new Date('2026-12-06T00:00:00Z') })],
    ['OWNER_DISABLED', keyWithOwner({}, { status: UserStatus.Disabled })],
    ['IP_NOT_ALLOWED', keyWithOwner({ allowedIps: ['198.51.100.0/24'] })],
  ])('refuses a key %s, naming the key and giving no principal', async (code, key) => {
    const { service, used } = await authentication({ cached: key });
    expect(service.authenticate(TOKEN, IP, NOW)).toEqual({ code, keyId: 'key-1' });
    expect(used).toEqual([]);
  });

  it('refuses the previous token of a regenerated key once its grace is over', async () => {
    const key = keyWithOwner({
      keyHash: 'hash-of-new-token',
      previousKeyExpiresAt: new Date('2026-12-06T23:59:59Z'),
    });
    const { service } = await authentication({ cached: key });
    expect(service.authenticate(TOKEN, IP, NOW)).toEqual({ code: 'NOT_FOUND', keyId: 'key-1' });
  });

  it('records the last use of a valid key, with the address and time', async () => {
    const { service, used } = await authentication({ cached: keyWithOwner() });
    expect(service.authenticate(TOKEN, IP, NOW)).toMatchObject({ code: 'VALID' });
    expect(used).toEqual([['key-1', IP, NOW]]);
  });

  it("gives a valid key's principal: its owner and the key without its hash", async () => {
    const { service } = await authentication({ cached: keyWithOwner() });
    const { principal } = service.authenticate(TOKEN, IP, NOW) as { principal: unknown };
    expect(principal).toEqual({
      user: { id: 'owner-1', name: 'owner', role: 'manager' },
      key: {
        id: 'key-1',
        name: 'ci',
        maskedKey: 'lk_****nted',
        tier: 'premium',
        scopes: ['admin'],
        expiresAt: null,
      },
    });
  });
});
