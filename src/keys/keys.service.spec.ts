import { Test } from '@nestjs/testing';
import { principalOf } from '../../test/factories/principal.factory';
import { fakeManager } from '../../test/support/fake-database';
import { keyWriteProviders } from '../../test/support/key-writes';
import { ChangesService } from '../changes/changes.service';
import { KeyStatus, KeyTier } from '../domain/key-tier';
import { Role } from '../domain/permission';
import { ApiKey } from './api-key.entity';
import { KeysService } from './keys.service';
import { LastUsedRecorder } from './last-used.recorder';

/** An existing key of `owner`, as the database would hand it over with its owner. */
function storedKey(owner: { id: string; role: Role }, fields: Partial<ApiKey> = {}) {
  const now = new Date('2026-01-01T00:00:00Z');
  return {
    id: 'key-1',
    ownerId: owner.id,
    name: 'stored',
    keyHash: 'hash',
    previousKeyHash: null,
    previousKeyExpiresAt: null,
    maskedKey: 'lk_****1111',
    scopes: [] as string[],
    tier: KeyTier.Standard,
    status: KeyStatus.Active,
    isRoot: false,
    leakedAt: null,
    expiresAt: null,
    allowedIps: [] as string[],
    lastUsed: null,
    lastUsedIp: null,
    createdAt: now,
    updatedAt: now,
    owner: { id: owner.id, name: owner.id, role: owner.role, status: 'active' },
    ...fields,
  };
}

/**
 * KeysService with its collaborators replaced: the database is a fake
 * transaction manager answering key look-ups with `stored`; the permission
 * rules are the real ones.
 */
async function keysService({ stored = null }: { stored?: unknown } = {}) {
  const manager = fakeManager((entity) => (entity === ApiKey ? stored : { id: 'owner' }));
  const { audit, providers } = keyWriteProviders(manager);
  const changes = { publish: jest.fn(() => Promise.resolve()) };
  const moduleRef = await Test.createTestingModule({
    providers: [
      KeysService,
      ...providers,
      { provide: LastUsedRecorder, useValue: { pendingUse: () => undefined } },
      { provide: ChangesService, useValue: changes },
    ],
  }).compile();
  return {
    service: moduleRef.get(KeysService),
    manager,
    audit,
    changes,
  };
}

describe('KeysService', () => {
  const ip = '203.0.113.7';

  describe('regenerate', () => {
    it('needs every grant of the key: a narrower caller may not hand out its token', async () => {
      const caller = principalOf(Role.Manager, ['read:assets']);
      const { service, manager, changes } = await keysService({
        stored: storedKey(caller.user, { scopes: ['read:assets', 'write:assets'] }),
      });

      await expect(service.regenerate(caller, 'key-1', {}, ip)).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('regenerate'),
      });
      expect(manager.update).not.toHaveBeenCalled();
      expect(changes.publish).not.toHaveBeenCalled();
    });

    it('gives a leak-reported key a new token and switches it back on, without grace', async () => {
      const caller = principalOf(Role.Manager);
      const leakedAt = new Date('2026-02-01T00:00:00Z');
      const stored = storedKey(caller.user, { status: KeyStatus.Inactive, leakedAt });
      const { service, manager, changes } = await keysService({ stored });

      await expect(
        service.regenerate(caller, 'key-1', { grace_period_s: 60 }, ip),
      ).rejects.toMatchObject({ code: 'conflict' });
      const { key, token } = await service.regenerate(caller, 'key-1', {}, ip);

      expect(token).toBe('lk_new');
      expect(key).toMatchObject({ status: KeyStatus.Active, leakedAt: null, keyHash: 'new-hash' });
      expect(manager.update).toHaveBeenCalledTimes(1);
      expect(changes.publish).toHaveBeenCalledWith({ type: 'key', id: 'key-1' });
    });
  });

  describe('update and remove', () => {
    it('leave the root key alone: it is managed through its key file', async () => {
      const caller = principalOf(Role.Admin);
      const { service, manager } = await keysService({
        stored: storedKey(caller.user, { isRoot: true, scopes: ['admin'] }),
      });

      await expect(service.update(caller, 'key-1', { name: 'renamed' }, ip)).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(service.remove(caller, 'key-1', ip)).rejects.toMatchObject({
        code: 'conflict',
      });
      expect(manager.update).not.toHaveBeenCalled();
      expect(manager.delete).not.toHaveBeenCalled();
    });

    it('keeps a leak-reported key off: PATCH status=active is refused', async () => {
      const caller = principalOf(Role.Manager);
      const { service, manager } = await keysService({
        stored: storedKey(caller.user, { status: KeyStatus.Inactive, leakedAt: new Date() }),
      });

      await expect(
        service.update(caller, 'key-1', { status: KeyStatus.Active }, ip),
      ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('regenerate') });
      expect(manager.update).not.toHaveBeenCalled();
    });
  });

  describe('ownerScope', () => {
    it('confines a non-admin to its own keys and lets an admin name any owner', async () => {
      const { service } = await keysService();
      const manager = principalOf(Role.Manager);

      expect(service.ownerScope(manager)).toBe(manager.user.id);
      expect(() => service.ownerScope(manager, 'other')).toThrow(/Only admins/);
      expect(service.ownerScope(principalOf(Role.Admin), 'other')).toBe('other');
      expect(service.ownerScope(principalOf(Role.Admin))).toBeUndefined();
    });
  });
});
