import { createKey } from './factories/key.factory';
import { createUser, updateUser } from './factories/user.factory';
import { AssetsModule } from './support/assets.module';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** @RequireScopes on a controller added by another team: the global guards apply to it. */
describe('a resource controller guarded by @RequireScopes', () => {
  let t: TestApp;
  let client: { id: string };

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [AssetsModule] });
    client = await createUser(t, { role: 'client' });
  });
  afterAll(() => t.close());

  const keyWith = async (scopes: string[], ownerId = client.id) =>
    (await createKey(t, { owner_id: ownerId, scopes })).key;
  const list = (key: string) => t.http.get('/api/v1/assets').set(bearer(key));
  const create = (key: string) => t.http.post('/api/v1/assets').set(bearer(key));

  it('answers 200 to a key holding read:assets', async () => {
    const response = await list(await keyWith(['read:assets'])).expect(200);
    expect(response.body).toEqual({ data: [{ id: 'asset-1' }] });
  });

  it('answers 403 insufficient_scope to a key without it, permissions or not', async () => {
    for (const scopes of [[], ['write:assets'], ['read:scans']]) {
      const response = await list(await keyWith(scopes));
      expectError(response, 403, 'insufficient_scope');
      expect(response.body.error.message).toContain('read:assets');
    }
  });

  it("lets a handler's decorator replace its class's", async () => {
    const reader = await keyWith(['read:assets']);
    expectError(await create(reader), 403, 'insufficient_scope');
    await create(await keyWith(['write:assets'])).expect(201);
  });

  it('lets a @Public() handler in the scoped class answer without a key', async () => {
    const response = await t.http.get('/api/v1/assets/status').expect(200);
    expect(response.body).toEqual({ data: { status: 'ok' } });
  });

  it("narrows an admin-scoped key to its owner's current role", async () => {
    const owner = await createUser(t, { role: 'client' });
    const key = await keyWith(['admin'], owner.id);
    await create(key).expect(201);
    await updateUser(t, owner.id, { role: 'viewer' });
    await list(key).expect(200);
    expectError(await create(key), 403, 'insufficient_scope');
  });

  it('answers 401 without a key', async () => {
    expectError(await t.http.get('/api/v1/assets'), 401, 'unauthorized');
  });
});
