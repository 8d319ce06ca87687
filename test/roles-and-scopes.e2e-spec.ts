import { createKey } from './factories/key.factory';
import { ALL_PERMISSION_NAMES as PERMISSIONS, ROLE_PERMISSIONS } from './support/spec-roles';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('GET /api/v1/roles and /api/v1/scopes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCOPES: 'read:assets,write:assets,read:scans' } });
  });
  afterAll(() => t.close());

  it('lists each role with its permissions and the configured scopes it grants', async () => {
    const response = await t.http.get('/api/v1/roles').set(bearer(t.rootKey)).expect(200);
    const all = ['read:assets', 'write:assets', 'read:scans'];
    expect(response.body).toEqual({
      data: [
        {
          name: 'admin',
          permissions: ROLE_PERMISSIONS.admin,
          scopes: all,
          acts_on_all_users: true,
        },
        {
          name: 'manager',
          permissions: ROLE_PERMISSIONS.manager,
          scopes: all,
          acts_on_all_users: false,
        },
        {
          name: 'viewer',
          permissions: ROLE_PERMISSIONS.viewer,
          scopes: ['read:assets', 'read:scans'],
          acts_on_all_users: false,
        },
        {
          name: 'service',
          permissions: ROLE_PERMISSIONS.service,
          scopes: [],
          acts_on_all_users: false,
        },
        {
          name: 'client',
          permissions: ROLE_PERMISSIONS.client,
          scopes: all,
          acts_on_all_users: false,
        },
      ],
    });
  });

  it('shows any key the scope catalogue, the permissions and the admin scope', async () => {
    const plain = await createKey(t);
    const response = await t.http.get('/api/v1/scopes').set(bearer(plain.key)).expect(200);
    expect(response.body).toEqual({
      data: {
        scopes: ['read:assets', 'write:assets', 'read:scans'],
        permissions: PERMISSIONS,
        admin_scope: 'admin',
      },
    });
  });
});
