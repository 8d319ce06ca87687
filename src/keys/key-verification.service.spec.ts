import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { KeyStatus, KeyTier } from '../domain/key-tier';
import { Permission, Role } from '../domain/permission';
import { KeyStateCache } from '../key-cache/key-state.cache';
import { PermissionsService } from '../permissions/permissions.service';
import { scopesConfig } from '../permissions/scopes.config';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { UserStatus } from '../users/user.entity';
import { ApiKey } from './api-key.entity';
import { KeyAuthenticationService } from './key-authentication.service';
import { KeyTokensService } from './key-tokens.service';
import { UsageRecorder } from '../usage/usage.recorder';
import { KeyVerificationService } from './key-verification.service';
import { LastUsedRecorder } from './last-used.recorder';
import { keyWithOwner } from '../../test/support/cached-key';

const TOKEN = 'lk_presented';
const CATALOGUE = ['read:assets', 'write:assets'];

const budget = (allowed: boolean) => ({
  allowed,
  limit: 10,
  remaining: allowed ? 9 : 0,
  reset: 60,
});

/**
 * The real decisions (KeyAuthenticationService's decideKeyAccess and the
 * effective grants of PermissionsService) over a fake key store and a fake
 * rate-limit budget.
 */
async function verification(stored: unknown, allowed = true) {
  const cache = { getOrRead: jest.fn(() => Promise.resolve(stored)) };
  const rateLimit = { consumeForKey: jest.fn(() => Promise.resolve(budget(allowed))) };
  const lastUsed = { record: jest.fn() };
  const usage = { record: jest.fn() };
  const moduleRef = await Test.createTestingModule({
    providers: [
      KeyVerificationService,
      KeyAuthenticationService,
      PermissionsService,
      { provide: getRepositoryToken(ApiKey), useValue: {} },
      { provide: scopesConfig.KEY, useValue: { catalogue: CATALOGUE } },
      {
        provide: KeyTokensService,
        useValue: { isWellFormed: (t: string) => t.startsWith('lk_'), hash: () => 'hash-of-token' },
      },
      { provide: KeyStateCache, useValue: cache },
      { provide: LastUsedRecorder, useValue: lastUsed },
      { provide: RateLimitService, useValue: rateLimit },
      { provide: UsageRecorder, useValue: usage },
    ],
  }).compile();
  return { service: moduleRef.get(KeyVerificationService), cache, rateLimit, lastUsed, usage };
}

describe('KeyVerificationService', () => {
  it('answers VALID with the key’s effective grants and its budget', async () => {
    const { service, lastUsed, usage } = await verification(keyWithOwner({ scopes: ['admin'] }));

    const answer = await service.verify({ key: TOKEN, scopes: ['write:assets'] });

    expect(answer).toMatchObject({
      valid: true,
      code: 'VALID',
      key_id: 'key-1',
      owner_id: 'owner-1',
      tier: KeyTier.Premium,
      ratelimit: { limit: 10, remaining: 9 },
    });
    // `admin` stands for the whole of the owner's (manager's) role.
    expect(answer.scopes).toEqual(
      expect.arrayContaining([Permission.ApiKeysWrite, 'read:assets', 'write:assets']),
    );
    expect(answer.scopes).not.toContain(Permission.UsersWrite);
    expect(lastUsed.record).toHaveBeenCalledWith('key-1', '', expect.any(Date));
    expect(usage.record).toHaveBeenCalledWith('key-1', 'ok');
  });

  it('refuses a key whose owner is disabled, without spending its budget', async () => {
    const { service, rateLimit, lastUsed, usage } = await verification(
      keyWithOwner({}, { status: UserStatus.Disabled }),
    );

    await expect(service.verify({ key: TOKEN })).resolves.toEqual({
      valid: false,
      code: 'OWNER_DISABLED',
    });
    expect(rateLimit.consumeForKey).not.toHaveBeenCalled();
    expect(lastUsed.record).not.toHaveBeenCalled();
    expect(usage.record).toHaveBeenCalledWith('key-1', 'unauthorized');
  });

  it.each([
    ['INACTIVE', { status: KeyStatus.Inactive }],
    ['EXPIRED', { expiresAt: new Date('2020-01-01T00:00:00Z') }],
  ])('refuses a key that is %s', async (code, fields) => {
    const { service } = await verification(keyWithOwner(fields));

    await expect(service.verify({ key: TOKEN })).resolves.toEqual({ valid: false, code });
  });

  it('answers NOT_FOUND for an unknown token and never looks up a malformed one', async () => {
    const { service, cache } = await verification(null);

    await expect(service.verify({ key: TOKEN })).resolves.toEqual({
      valid: false,
      code: 'NOT_FOUND',
    });
    await expect(service.verify({ key: 'not-a-token' })).resolves.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(cache.getOrRead).toHaveBeenCalledTimes(1);
  });

  it('refuses a key with an allowlist when the caller gives no address', async () => {
    const { service } = await verification(keyWithOwner({ allowedIps: ['10.0.0.0/8'] }));

    await expect(service.verify({ key: TOKEN })).resolves.toMatchObject({
      code: 'IP_NOT_ALLOWED',
    });
    await expect(service.verify({ key: TOKEN, ip: '10.1.2.3' })).resolves.toMatchObject({
      code: 'VALID',
    });
  });

  it('answers INSUFFICIENT_SCOPE when the owner’s role no longer grants the scope', async () => {
    const { service } = await verification(
      keyWithOwner({ scopes: ['read:assets', 'write:assets'] }, { role: Role.Viewer }),
    );

    const answer = await service.verify({ key: TOKEN, scopes: ['write:assets'] });

    expect(answer).toMatchObject({ valid: false, code: 'INSUFFICIENT_SCOPE', key_id: 'key-1' });
    expect(answer.scopes).toEqual(['read:assets']);
  });

  it('answers RATE_LIMITED when the key’s budget is spent', async () => {
    const { service } = await verification(keyWithOwner(), false);

    await expect(service.verify({ key: TOKEN })).resolves.toMatchObject({
      valid: false,
      code: 'RATE_LIMITED',
      ratelimit: { remaining: 0 },
    });
  });

  it('rejects a scope that does not exist before looking at the key (400)', async () => {
    const { service, cache } = await verification(keyWithOwner());

    await expect(service.verify({ key: TOKEN, scopes: ['fly:rockets'] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(cache.getOrRead).not.toHaveBeenCalled();
  });

  describe('verifyAll', () => {
    it('answers each check as verify does, in order, each counted for its key', async () => {
      const { service, rateLimit, usage } = await verification(
        keyWithOwner({ scopes: ['read:assets'] }),
      );

      const answers = await service.verifyAll([
        { key: TOKEN, scopes: ['read:assets'] },
        { key: 'not-a-token' },
        { key: TOKEN, scopes: ['write:assets'] },
      ]);

      expect(answers.map((a) => a.code)).toEqual(['VALID', 'NOT_FOUND', 'INSUFFICIENT_SCOPE']);
      expect(rateLimit.consumeForKey).toHaveBeenCalledTimes(2);
      expect(usage.record.mock.calls).toEqual([
        ['key-1', 'ok'],
        ['key-1', 'forbidden'],
      ]);
    });

    it('names the check with an unknown scope, before any key is looked at or counted', async () => {
      const { service, cache, rateLimit } = await verification(keyWithOwner());

      await expect(
        service.verifyAll([{ key: TOKEN }, { key: TOKEN, scopes: ['fly:rockets'] }]),
      ).rejects.toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'checks[1].scopes', message: 'contains an unknown scope' }],
      });
      expect(cache.getOrRead).not.toHaveBeenCalled();
      expect(rateLimit.consumeForKey).not.toHaveBeenCalled();
    });
  });
});
