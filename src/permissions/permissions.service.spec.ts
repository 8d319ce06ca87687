import { Test } from '@nestjs/testing';
import { principalOf } from '../../test/factories/principal.factory';
import { Permission, Role } from '../domain/permission';
import { PermissionsService } from './permissions.service';
import { scopesConfig } from './scopes.config';

const CATALOGUE = ['read:assets', 'write:assets'];

async function permissions() {
  const moduleRef = await Test.createTestingModule({
    providers: [
      PermissionsService,
      { provide: scopesConfig.KEY, useValue: { catalogue: CATALOGUE } },
    ],
  }).compile();
  return moduleRef.get(PermissionsService);
}

describe('PermissionsService', () => {
  it('lists the configured scope catalogue', async () => {
    expect((await permissions()).scopeCatalogue).toEqual(CATALOGUE);
  });

  describe('grantsOf', () => {
    it("gives an admin-scoped key the whole of its owner's role", async () => {
      const service = await permissions();
      expect(service.grantsOf(principalOf(Role.Viewer, ['admin']))).toEqual([
        Permission.ApiKeysRead,
        'read:assets',
      ]);
    });

    it("keeps only the key's scopes that the owner's role still grants", async () => {
      const service = await permissions();
      const caller = principalOf(Role.Viewer, [
        'read:assets',
        'write:assets',
        Permission.UsersRead,
      ]);
      expect(service.grantsOf(caller)).toEqual(['read:assets']);
    });
  });

  describe('assertMayGrant', () => {
    it('lets a caller give what it holds to an owner whose role grants it', async () => {
      const service = await permissions();
      expect(() =>
        service.assertMayGrant(principalOf(Role.Manager), Role.Client, ['write:assets']),
      ).not.toThrow();
    });

    it('refuses an unknown scope with a 400 naming it', async () => {
      const service = await permissions();
      expect(() =>
        service.assertMayGrant(principalOf(Role.Admin), Role.Client, ['read:nothing']),
      ).toThrow(
        expect.objectContaining({
          code: 'validation_failed',
          message: expect.stringContaining('"read:nothing"'),
          details: [{ field: 'scopes', message: 'contains an unknown scope' }],
        }),
      );
    });

    it('refuses a scope the caller does not hold (no escalation)', async () => {
      const service = await permissions();
      const caller = principalOf(Role.Manager, ['read:assets']);
      expect(() => service.assertMayGrant(caller, Role.Client, ['write:assets'])).toThrow(
        expect.objectContaining({
          code: 'forbidden',
          message: expect.stringContaining('"write:assets"'),
        }),
      );
    });

    it("refuses a scope the owner's role does not grant", async () => {
      const service = await permissions();
      expect(() =>
        service.assertMayGrant(principalOf(Role.Admin), Role.Viewer, ['write:assets']),
      ).toThrow(expect.objectContaining({ code: 'forbidden' }));
    });
  });

  describe('assertMayHandOut', () => {
    const key = { scopes: ['write:assets'], owner: { role: Role.Client } };

    it("refuses to hand out a key holding what the caller's key does not", async () => {
      const service = await permissions();
      const caller = principalOf(Role.Manager, ['read:assets']);
      expect(() => service.assertMayHandOut(caller, key, 'regenerate')).toThrow(
        expect.objectContaining({
          code: 'forbidden',
          message: expect.stringMatching(/^Cannot regenerate this key: it holds "write:assets"/),
        }),
      );
    });

    it('hands out a key whose scopes the caller could grant', async () => {
      const service = await permissions();
      expect(() =>
        service.assertMayHandOut(principalOf(Role.Manager), key, 'regenerate'),
      ).not.toThrow();
    });
  });

  describe('assertKnownScopes', () => {
    it('accepts permissions, admin and catalogue scopes', async () => {
      const service = await permissions();
      expect(() =>
        service.assertKnownScopes([Permission.UsersRead, 'admin', 'read:assets']),
      ).not.toThrow();
    });

    it('names every unknown scope, one detail each', async () => {
      const service = await permissions();
      expect(() => service.assertKnownScopes(['a', 'read:assets', 'b'])).toThrow(
        expect.objectContaining({
          message: expect.stringContaining('"a", "b"'),
          details: [
            { field: 'scopes', message: 'contains an unknown scope' },
            { field: 'scopes', message: 'contains an unknown scope' },
          ],
        }),
      );
    });

    it('names the field it is given, e.g. one check of a batch', async () => {
      const service = await permissions();
      expect(() => service.assertKnownScopes(['a'], 'checks[2].scopes')).toThrow(
        expect.objectContaining({
          message: expect.stringContaining('"a" in checks[2].scopes'),
          details: [{ field: 'checks[2].scopes', message: 'contains an unknown scope' }],
        }),
      );
    });
  });
});
