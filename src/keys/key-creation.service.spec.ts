import { Test } from '@nestjs/testing';
import { principalOf } from '../../test/factories/principal.factory';
import { fakeManager, uniqueViolation } from '../../test/support/fake-database';
import { ISSUED, keyWriteProviders } from '../../test/support/key-writes';
import { keysConfig } from './keys.config';
import { KeyStatus, KeyTier } from '../domain/key-tier';
import { Role } from '../domain/permission';
import { UsersService } from '../users/users.service';
import { ApiKey } from './api-key.entity';
import { KeyCreationService } from './key-creation.service';

const MAX_PER_USER = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * KeyCreationService with its collaborators replaced: the database is a fake
 * transaction manager in which the owner already holds `owned` keys (and
 * has no row to lock unless `ownerRow`); `otherUser` is whom UsersService
 * finds for an owner_id; the permission rules are the real ones.
 */
async function creationService({
  owned = 0,
  ownerRow = true,
  otherUser = null,
}: { owned?: number; ownerRow?: boolean; otherUser?: { id: string; role: Role } | null } = {}) {
  const manager = fakeManager(() => (ownerRow ? { id: 'owner' } : null));
  manager.countBy.mockResolvedValue(owned);
  const { audit, providers } = keyWriteProviders(manager);
  const moduleRef = await Test.createTestingModule({
    providers: [
      KeyCreationService,
      ...providers,
      { provide: keysConfig.KEY, useValue: { maxPerUser: MAX_PER_USER } },
      { provide: UsersService, useValue: { findById: () => Promise.resolve(otherUser) } },
    ],
  }).compile();
  return { service: moduleRef.get(KeyCreationService), manager, audit };
}

describe('KeyCreationService', () => {
  const ip = '203.0.113.7';

  describe('createFor', () => {
    it('creates a key within the caller’s grants and records it', async () => {
      const { service, manager, audit } = await creationService();
      const caller = principalOf(Role.Manager, ['write:assets']);

      const { key, token } = await service.createFor(
        caller,
        { name: 'ci', scopes: ['write:assets'] },
        ip,
      );

      expect(token).toBe('lk_new');
      expect(key).toMatchObject({ ownerId: caller.user.id, scopes: ['write:assets'] });
      expect(manager.insert).toHaveBeenCalledWith(ApiKey, expect.objectContaining({ name: 'ci' }));
      expect(audit.record).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'key.created', targetId: key.id }),
        manager,
      );
    });

    it('refuses a scope the creator’s own key does not hold (no escalation)', async () => {
      const { service, manager } = await creationService();
      const caller = principalOf(Role.Manager, ['read:assets']);

      await expect(
        service.createFor(caller, { name: 'wider', scopes: ['write:assets'] }, ip),
      ).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('write:assets'),
      });
      expect(manager.insert).not.toHaveBeenCalled();
    });

    it('refuses a scope the owner’s role does not grant, even to an admin', async () => {
      const owner = { id: 'viewer-1', role: Role.Viewer };
      const { service, manager } = await creationService({ otherUser: owner });

      await expect(
        service.createFor(
          principalOf(Role.Admin),
          { name: 'for-viewer', owner_id: owner.id, scopes: ['write:assets'] },
          ip,
        ),
      ).rejects.toMatchObject({ code: 'forbidden' });
      expect(manager.insert).not.toHaveBeenCalled();
    });

    it('stops at the per-user key limit with 409 key_limit_reached', async () => {
      const { service, manager } = await creationService({ owned: MAX_PER_USER });

      await expect(
        service.createFor(principalOf(Role.Manager), { name: 'one-too-many' }, ip),
      ).rejects.toMatchObject({ code: 'key_limit_reached' });
      expect(manager.insert).not.toHaveBeenCalled();
    });

    it('lets only admins choose a tier other than the default', async () => {
      const { service } = await creationService();

      await expect(
        service.createFor(principalOf(Role.Manager), { name: 'p', tier: KeyTier.Premium }, ip),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        service.createFor(principalOf(Role.Admin), { name: 'p', tier: KeyTier.Premium }, ip),
      ).resolves.toMatchObject({ key: { tier: KeyTier.Premium } });
    });

    it('lets no one but an admin create a key for another user', async () => {
      const { service } = await creationService();

      await expect(
        service.createFor(principalOf(Role.Manager), { name: 'x', owner_id: 'someone-else' }, ip),
      ).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('answers a taken name with 409 naming the field', async () => {
      const { service, manager } = await creationService();
      manager.insert.mockRejectedValueOnce(uniqueViolation());

      await expect(
        service.createFor(principalOf(Role.Manager), { name: 'taken' }, ip),
      ).rejects.toMatchObject({ code: 'conflict', details: [{ field: 'name' }] });
    });

    it('creates a key for another user when an admin names one, owned by that user', async () => {
      const owner = { id: 'manager-2', role: Role.Manager };
      const { service, manager, audit } = await creationService({ otherUser: owner });
      const admin = principalOf(Role.Admin);

      const { key } = await service.createFor(
        admin,
        { name: 'for-mona', owner_id: owner.id, scopes: ['read:assets'] },
        ip,
      );

      expect(key.ownerId).toBe(owner.id);
      expect(manager.insert).toHaveBeenCalledWith(
        ApiKey,
        expect.objectContaining({ ownerId: owner.id }),
      );
      expect(audit.record).toHaveBeenCalledWith(
        {
          action: 'key.created',
          actor: admin,
          targetType: 'api_key',
          targetId: key.id,
          ip,
          details: {
            name: 'for-mona',
            owner_id: owner.id,
            scopes: ['read:assets'],
            tier: KeyTier.Standard,
          },
        },
        manager,
      );
    });

    it('answers 400 on owner_id when an admin names no user, and stores nothing', async () => {
      const { service, manager } = await creationService({ otherUser: null });

      await expect(
        service.createFor(principalOf(Role.Admin), { name: 'x', owner_id: 'nobody' }, ip),
      ).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'owner_id' }] });
      expect(manager.insert).not.toHaveBeenCalled();
    });

    it('answers 404 when the owner is gone by the time its row is locked', async () => {
      const { service, manager, audit } = await creationService({ ownerRow: false });

      await expect(
        service.createFor(principalOf(Role.Manager), { name: 'orphan' }, ip),
      ).rejects.toMatchObject({ code: 'not_found' });
      expect(manager.insert).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
    });

    it('gives a key without options no scopes, the default tier, no expiry and no allowlist', async () => {
      const { service } = await creationService();

      const { key } = await service.createFor(principalOf(Role.Manager), { name: 'bare' }, ip);

      expect(key).toMatchObject({
        scopes: [],
        tier: KeyTier.Standard,
        status: KeyStatus.Active,
        expiresAt: null,
        allowedIps: [],
      });
    });

    it('stores the hash and the masked form of the token, never the token', async () => {
      const { service, manager } = await creationService();

      const { token } = await service.createFor(principalOf(Role.Manager), { name: 'h' }, ip);

      const [[, stored]] = manager.insert.mock.calls as unknown as [[unknown, ApiKey]];
      expect(stored).toMatchObject({ keyHash: ISSUED.keyHash, maskedKey: ISSUED.maskedKey });
      expect(JSON.stringify(stored)).not.toContain(token);
    });

    it('sets the expiry a number of days ahead, and refuses a date as well', async () => {
      const { service, manager } = await creationService();
      const before = Date.now();

      const { key } = await service.createFor(
        principalOf(Role.Manager),
        { name: 'month', expires_in_days: 30 },
        ip,
      );

      const ahead = (key.expiresAt?.getTime() ?? 0) - before;
      expect(ahead).toBeGreaterThanOrEqual(30 * DAY_MS);
      expect(ahead).toBeLessThan(30 * DAY_MS + 60_000);
      manager.insert.mockClear();
      await expect(
        service.createFor(
          principalOf(Role.Manager),
          { name: 'both', expires_in_days: 30, expires_at: '2030-01-01T00:00:00Z' },
          ip,
        ),
      ).rejects.toMatchObject({ code: 'validation_failed' });
      expect(manager.insert).not.toHaveBeenCalled();
    });
  });
});
