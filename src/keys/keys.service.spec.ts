import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { principalOf } from '../../test/factories/principal.factory';
import { fakeDatabase, fakeManager, uniqueViolation } from '../../test/support/fake-database';
import { AuditService } from '../audit/audit.service';
import { ChangesService } from '../changes/changes.service';
import { DatabaseService } from '../database/database.service';
import { KeyStatus, KeyTier } from '../domain/key-tier';
import { Role } from '../domain/permission';
import { PermissionsService } from '../permissions/permissions.service';
import { scopesConfig } from '../permissions/scopes.config';
import { UsersService } from '../users/users.service';
import { ApiKey } from './api-key.entity';
import { KeyCreationService } from './key-creation.service';
import { KeyTokensService } from './key-tokens.service';
import { keysConfig } from './keys.config';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';
import { LastUsedRecorder } from './last-used.recorder';

const MAX_PER_USER = 3;
const CATALOGUE = ['read:assets', 'write:assets'];

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
 * transaction manager holding `owned` keys of the owner and answering key
 * look-ups with `stored`; the permission rules are the real ones.
 */
async function keysService({
  owned = 0,
  stored = null,
  otherUser = null,
}: { owned?: number; stored?: unknown; otherUser?: { id: string; role: Role } | null } = {}) {
  const manager = fakeManager((entity) => (entity === ApiKey ? stored : { id: 'owner' }));
  manager.countBy.mockResolvedValue(owned);
  const audit = { record: jest.fn(() => Promise.resolve()) };
  const changes = { publish: jest.fn(() => Promise.resolve()) };
  const moduleRef = await Test.createTestingModule({
    providers: [
      KeysService,
      KeyCreationService,
      KeysRepository,
      PermissionsService,
      { provide: getRepositoryToken(ApiKey), useValue: { create: (fields: object) => fields } },
      { provide: keysConfig.KEY, useValue: { maxPerUser: MAX_PER_USER } },
      { provide: scopesConfig.KEY, useValue: { catalogue: CATALOGUE } },
      {
        provide: KeyTokensService,
        useValue: {
          issue: () => ({ token: 'lk_new', keyHash: 'new-hash', maskedKey: 'lk_****new' }),
        },
      },
      { provide: DatabaseService, useValue: fakeDatabase(manager) },
      { provide: AuditService, useValue: audit },
      { provide: UsersService, useValue: { findById: () => Promise.resolve(otherUser) } },
      { provide: LastUsedRecorder, useValue: { pendingUse: () => undefined } },
      { provide: ChangesService, useValue: changes },
    ],
  }).compile();
  return {
    service: moduleRef.get(KeysService),
    creation: moduleRef.get(KeyCreationService),
    manager,
    audit,
    changes,
  };
}

describe('KeysService', () => {
  const ip = '203.0.113.7';

  describe('createFor', () => {
    it('creates a key within the caller’s grants and records it', async () => {
      const { creation: service, manager, audit } = await keysService();
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
      const { creation: service, manager } = await keysService();
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
      const { creation: service, manager } = await keysService({ otherUser: owner });

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
      const { creation: service, manager } = await keysService({ owned: MAX_PER_USER });

      await expect(
        service.createFor(principalOf(Role.Manager), { name: 'one-too-many' }, ip),
      ).rejects.toMatchObject({ code: 'key_limit_reached' });
      expect(manager.insert).not.toHaveBeenCalled();
    });

    it('lets only admins choose a tier other than the default', async () => {
      const { creation: service } = await keysService();

      await expect(
        service.createFor(principalOf(Role.Manager), { name: 'p', tier: KeyTier.Premium }, ip),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        service.createFor(principalOf(Role.Admin), { name: 'p', tier: KeyTier.Premium }, ip),
      ).resolves.toMatchObject({ key: { tier: KeyTier.Premium } });
    });

    it('lets no one but an admin create a key for another user', async () => {
      const { creation: service } = await keysService();

      await expect(
        service.createFor(principalOf(Role.Manager), { name: 'x', owner_id: 'someone-else' }, ip),
      ).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('answers a taken name with 409 naming the field', async () => {
      const { creation: service, manager } = await keysService();
      manager.insert.mockRejectedValueOnce(uniqueViolation());

      await expect(
        service.createFor(principalOf(Role.Manager), { name: 'taken' }, ip),
      ).rejects.toMatchObject({ code: 'conflict', details: [{ field: 'name' }] });
    });
  });

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
