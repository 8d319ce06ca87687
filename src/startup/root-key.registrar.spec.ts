import { Test } from '@nestjs/testing';
import { fakeDatabase, fakeManager } from '../../test/support/fake-database';
import { AuditService } from '../audit/audit.service';
import { ChangesService } from '../changes/changes.service';
import { DatabaseService } from '../database/database.service';
import { KeyStatus, KeyTier } from '../domain/key-tier';
import { ADMIN_SCOPE } from '../domain/permission';
import { ApiKey } from '../keys/api-key.entity';
import { KeyTokensService } from '../keys/key-tokens.service';
import { ROOT_KEY_NAME, RootKeyRegistrar } from './root-key.registrar';

const ROOT_USER = 'root-user';
const FILE_HASH = 'hash-of-file-token';

function rootKey(fields: Partial<ApiKey> = {}): Partial<ApiKey> {
  return {
    id: 'old-root',
    ownerId: ROOT_USER,
    name: ROOT_KEY_NAME,
    keyHash: 'hash-of-old-token',
    isRoot: true,
    status: KeyStatus.Active,
    ...fields,
  };
}

/**
 * RootKeyRegistrar over a fake database: `holder` is the key whose current or
 * previous hash is the file token's, `rootKeys` the root user's root keys.
 */
async function registrar({
  holder = null,
  rootKeys = [],
}: { holder?: Partial<ApiKey> | null; rootKeys?: Partial<ApiKey>[] } = {}) {
  const manager = fakeManager((entity) => (entity === ApiKey ? holder : { id: ROOT_USER }));
  manager.findBy.mockResolvedValue(rootKeys);
  const audit = { record: jest.fn(() => Promise.resolve()) };
  const changes = { publish: jest.fn(() => Promise.resolve()) };
  const moduleRef = await Test.createTestingModule({
    providers: [
      RootKeyRegistrar,
      {
        provide: KeyTokensService,
        useValue: { describe: () => ({ keyHash: FILE_HASH, maskedKey: 'lk_****file' }) },
      },
      { provide: DatabaseService, useValue: fakeDatabase(manager) },
      { provide: AuditService, useValue: audit },
      { provide: ChangesService, useValue: changes },
    ],
  }).compile();
  return { registrar: moduleRef.get(RootKeyRegistrar), manager, audit, changes };
}

describe('RootKeyRegistrar', () => {
  it('registers the first root key: admin scope, enterprise tier, no expiry', async () => {
    const { registrar: service, manager, audit } = await registrar();

    const outcome = await service.register(ROOT_USER, 'lk_file', true);

    expect(outcome).toMatchObject({ kind: 'registered', revokedKeyIds: [] });
    expect(manager.insert).toHaveBeenCalledWith(
      ApiKey,
      expect.objectContaining({
        id: outcome.keyId,
        ownerId: ROOT_USER,
        keyHash: FILE_HASH,
        isRoot: true,
        scopes: [ADMIN_SCOPE],
        tier: KeyTier.Enterprise,
        expiresAt: null,
        status: KeyStatus.Active,
      }),
    );
    expect(audit.record).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'auth.root_key_registered', targetId: outcome.keyId }),
      manager,
    );
  });

  it('rotates to a new token by revoking the old root key, never deleting it', async () => {
    const { registrar: service, manager, changes } = await registrar({ rootKeys: [rootKey()] });

    const outcome = await service.register(ROOT_USER, 'lk_file', false);

    expect(outcome).toMatchObject({ kind: 'rotated', revokedKeyIds: ['old-root'] });
    expect(manager.update).toHaveBeenCalledWith(
      ApiKey,
      { id: 'old-root' },
      expect.objectContaining({
        status: KeyStatus.Inactive,
        name: expect.stringMatching(/^root \(revoked /),
      }),
    );
    expect(manager.delete).not.toHaveBeenCalled();
    // Every instance forgets the old root key at once.
    expect(changes.publish).toHaveBeenCalledWith({ type: 'key', id: 'old-root' });
  });

  it('does nothing when the file holds the current root key', async () => {
    const current = rootKey({ keyHash: FILE_HASH });
    const { registrar: service, manager } = await registrar({ holder: current });

    await expect(service.register(ROOT_USER, 'lk_file', false)).resolves.toEqual({
      kind: 'current',
      keyId: 'old-root',
    });
    expect(manager.insert).not.toHaveBeenCalled();
    expect(manager.update).not.toHaveBeenCalled();
  });

  it.each([
    ['a revoked root key', rootKey({ keyHash: FILE_HASH, status: KeyStatus.Inactive })],
    ['a root key’s replaced token', rootKey({ keyHash: 'newer', previousKeyHash: FILE_HASH })],
  ])('refuses the token of %s: an old key file gives no access', async (_, holder) => {
    const { registrar: service, manager } = await registrar({ holder });

    await expect(service.register(ROOT_USER, 'lk_file', false)).resolves.toEqual({
      kind: 'refused',
      keyId: 'old-root',
      reason: 'revoked',
    });
    expect(manager.insert).not.toHaveBeenCalled();
  });

  it('refuses to make another user’s key the root key', async () => {
    const holder = { id: 'someones-key', keyHash: FILE_HASH, isRoot: false };
    const { registrar: service, manager } = await registrar({ holder });

    await expect(service.register(ROOT_USER, 'lk_file', false)).resolves.toEqual({
      kind: 'refused',
      keyId: 'someones-key',
      reason: 'not_root',
    });
    expect(manager.insert).not.toHaveBeenCalled();
    expect(manager.update).not.toHaveBeenCalled();
  });
});
