import {
  describeRole,
  effectiveGrants,
  missingGrants,
  roleGrants,
  ungrantableScopes,
  unknownScopes,
} from './grants';
import { ALL_PERMISSIONS, Permission, Role } from '../domain/permission';

const CATALOGUE = ['read:assets', 'write:assets', 'read:scans', 'write:scans'];
const P = Permission;

describe('roleGrants', () => {
  it.each<[Role, string[]]>([
    [Role.Admin, [...ALL_PERMISSIONS, ...CATALOGUE]],
    [Role.Manager, [P.ApiKeysRead, P.ApiKeysWrite, P.ApiKeysDelete, ...CATALOGUE]],
    [Role.Viewer, [P.ApiKeysRead, 'read:assets', 'read:scans']],
    [Role.Service, [P.ApiKeysVerify]],
    [Role.Client, CATALOGUE],
  ])('%s grants exactly what SPEC section 4 says', (role, expected) => {
    expect(roleGrants(role, CATALOGUE).sort()).toEqual([...expected].sort());
  });
});

describe('effectiveGrants: the key and the role must both grant', () => {
  const cases: [Role, string[], string, boolean][] = [];
  const required = [...ALL_PERMISSIONS, ...CATALOGUE];
  // No scopes, `admin`, every single grant, and mixes of permissions and scopes.
  const keyScopeSets = [
    [],
    ['admin'],
    ...required.map((grant) => [grant]),
    [P.UsersWrite, 'write:scans'],
    ['admin', 'read:assets'],
  ];
  for (const role of Object.values(Role)) {
    const fromRole = roleGrants(role, CATALOGUE);
    for (const keyScopes of keyScopeSets) {
      for (const grant of required) {
        const keyGrants = keyScopes.includes('admin') || keyScopes.includes(grant);
        cases.push([role, keyScopes, grant, keyGrants && fromRole.includes(grant)]);
      }
    }
  }

  it.each(cases)('role %s, key scopes %j, needs %s → %s', (role, keyScopes, grant, allowed) => {
    expect(effectiveGrants(role, keyScopes, CATALOGUE).includes(grant)).toBe(allowed);
  });

  it('lets a role change narrow an admin-scoped key at once', () => {
    expect(effectiveGrants(Role.Admin, ['admin'], CATALOGUE)).toContain(P.UsersWrite);
    expect(effectiveGrants(Role.Viewer, ['admin'], CATALOGUE)).toEqual([
      P.ApiKeysRead,
      'read:assets',
      'read:scans',
    ]);
  });
});

describe('ungrantableScopes: every owner role × caller × requested grant', () => {
  const grants = [...ALL_PERMISSIONS, ...CATALOGUE];
  const callers: [string, string[]][] = [
    ['an admin-scoped admin key', roleGrants(Role.Admin, CATALOGUE)],
    ['a manager key', roleGrants(Role.Manager, CATALOGUE)],
    ['a key holding api_keys.write and read:assets', [P.ApiKeysWrite, 'read:assets']],
    ['a key holding nothing', []],
  ];
  const cases: [Role, string, string, boolean][] = [];
  for (const owner of Object.values(Role)) {
    const ownerGrants = roleGrants(owner, CATALOGUE);
    for (const [caller, callerGrants] of callers) {
      for (const grant of [...grants, 'admin']) {
        const needed = grant === 'admin' ? ownerGrants : [grant];
        const allowed = needed.every((g) => callerGrants.includes(g) && ownerGrants.includes(g));
        cases.push([owner, caller, grant, allowed]);
      }
    }
  }

  it.each(cases)(
    'owner %s, caller %s, asks %s → may grant: %s',
    (owner, caller, grant, allowed) => {
      const callerGrants = callers.find(([name]) => name === caller)![1];
      expect(ungrantableScopes([grant], callerGrants, owner, CATALOGUE)).toEqual(
        allowed ? [] : [grant],
      );
    },
  );
});

describe('ungrantableScopes: no escalation', () => {
  const adminGrants = roleGrants(Role.Admin, CATALOGUE);

  it('lets an admin hand out anything within the owner role', () => {
    expect(
      ungrantableScopes(['admin', P.UsersRead, 'write:assets'], adminGrants, Role.Admin, CATALOGUE),
    ).toEqual([]);
  });

  it('refuses grants outside the owner role, even to an admin caller', () => {
    expect(
      ungrantableScopes(
        [P.UsersRead, 'write:assets', 'read:assets'],
        adminGrants,
        Role.Viewer,
        CATALOGUE,
      ),
    ).toEqual([P.UsersRead, 'write:assets']);
  });

  it('refuses grants the caller does not hold', () => {
    const caller = [P.ApiKeysWrite, 'read:assets'];
    expect(
      ungrantableScopes(
        ['read:assets', 'write:assets', P.ApiKeysDelete],
        caller,
        Role.Manager,
        CATALOGUE,
      ),
    ).toEqual(['write:assets', P.ApiKeysDelete]);
  });

  it('lets `admin` be handed out only by a caller holding all of the owner role', () => {
    const managerAll = roleGrants(Role.Manager, CATALOGUE);
    expect(ungrantableScopes(['admin'], managerAll, Role.Manager, CATALOGUE)).toEqual([]);
    expect(ungrantableScopes(['admin'], managerAll.slice(1), Role.Manager, CATALOGUE)).toEqual([
      'admin',
    ]);
  });
});

describe('unknownScopes', () => {
  it('accepts catalogue scopes, permission names and admin; names the rest', () => {
    expect(
      unknownScopes(
        ['admin', P.AuditRead, 'read:assets', 'read:nothing', 'api_keys.fly'],
        CATALOGUE,
      ),
    ).toEqual(['read:nothing', 'api_keys.fly']);
  });
});

describe('describeRole', () => {
  it('splits what a role grants into permissions and catalogue scopes', () => {
    expect(describeRole(Role.Viewer, CATALOGUE)).toEqual({
      permissions: [P.ApiKeysRead],
      scopes: ['read:assets', 'read:scans'],
    });
  });
});

describe('missingGrants', () => {
  it.each<[string[], string[], string[]]>([
    [['read:assets'], [], []],
    [['read:assets'], ['read:assets'], []],
    [['read:assets'], ['read:assets', 'write:assets', P.UsersRead], ['write:assets', P.UsersRead]],
    [[], [P.ApiKeysRead], [P.ApiKeysRead]],
  ])('grants %j, required %j → missing %j', (grants, required, missing) => {
    expect(missingGrants(grants, required)).toEqual(missing);
  });
});
