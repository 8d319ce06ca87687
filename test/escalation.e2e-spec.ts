import type { Response } from 'supertest';
import { ApiKey } from '../src/keys/api-key.entity';
import { createKey, keyInput } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** One app for the file: a manager and that manager's `admin`-scoped key. */
let t: TestApp;
let manager: { id: string };
let managerKey: string;

beforeAll(async () => {
  t = await startTestApp();
  manager = await createUser(t, { role: 'manager' });
  managerKey = (await createKey(t, { owner_id: manager.id, scopes: ['admin'] })).key;
});
afterAll(() => t.close());

/** No escalation (SPEC section 4): a key hands out only what it holds, within the owner's role. */
describe('no escalation when creating keys', () => {
  const keyCount = () => dataSourceOf(t).getRepository(ApiKey).count();

  const expectRefused = async (callerKey: string, body: object, status = 403) => {
    const before = await keyCount();
    const response = await t.http.post('/api/v1/keys').set(bearer(callerKey)).send(body);
    expectError(response, status, status === 403 ? 'forbidden' : 'validation_failed');
    expect(await keyCount()).toBe(before);
  };

  it.each([['users.read'], ['api_keys.verify'], ['audit.read']])(
    "refuses a grant outside the owner's role (manager asking for %s)",
    (scope) => expectRefused(managerKey, keyInput({ scopes: [scope] })),
  );

  it('lets the manager hand out what its role grants, `admin` included', async () => {
    for (const scopes of [['api_keys.read', 'write:assets'], ['admin']]) {
      const key = await createKey(t, { scopes }, managerKey);
      expect(key).toMatchObject({ owner_id: manager.id, scopes });
    }
  });

  it("refuses a grant the caller's key does not hold, and `admin` from a partial key", async () => {
    const narrow = await createKey(t, { scopes: ['api_keys.write', 'read:assets'] }, managerKey);
    for (const scopes of [['write:assets'], ['api_keys.delete'], ['admin']]) {
      await expectRefused(narrow.key, keyInput({ scopes }));
    }
    await createKey(t, { scopes: ['read:assets'] }, narrow.key);
  });

  it("refuses even an admin a grant outside the owner's role", async () => {
    const viewer = await createUser(t, { role: 'viewer' });
    for (const scopes of [['write:assets'], ['api_keys.write'], ['users.read']]) {
      await expectRefused(t.rootKey, keyInput({ owner_id: viewer.id, scopes }));
    }
    const whole = await createKey(t, { owner_id: viewer.id, scopes: ['admin'] });
    const me = await t.http.get('/api/v1/me').set(bearer(whole.key)).expect(200);
    expect(me.body.data.grants).not.toContain('write:assets');
  });

  it('lets only admins pass another owner_id', async () => {
    const other = await createUser(t, { role: 'manager' });
    await expectRefused(managerKey, keyInput({ owner_id: other.id }));
    const own = await createKey(t, { owner_id: manager.id }, managerKey);
    expect(own.owner_id).toBe(manager.id);
  });

  it('answers 400 for unknown scope names before any grant check', () =>
    expectRefused(managerKey, keyInput({ scopes: ['read:everything'] }), 400));
});

/**
 * Receiving a key's token is being granted its grants (issue 15): regenerating
 * a key, or switching it back on, needs what creating it would need.
 */
describe('no escalation through existing keys', () => {
  const regenerate = (callerKey: string, id: string) =>
    t.http.post(`/api/v1/keys/${id}/regenerate`).set(bearer(callerKey)).send({});
  const setStatus = (callerKey: string, id: string, status: string) =>
    t.http.patch(`/api/v1/keys/${id}`).set(bearer(callerKey)).send({ status });

  const expectForbiddenNaming = (response: Response, scope: string) => {
    expectError(response, 403, 'forbidden');
    expect(response.body.error.message).toContain(`"${scope}"`);
  };

  it("refuses a key holding only api_keys.write a sibling's admin token, and keeps the old one", async () => {
    const writer = await createKey(t, { scopes: ['api_keys.write'] }, managerKey);
    const sibling = await createKey(t, { scopes: ['admin'] }, managerKey);
    expectForbiddenNaming(await regenerate(writer.key, sibling.id), 'admin');
    await t.http.get('/api/v1/me').set(bearer(sibling.key)).expect(200);
  });

  it("refuses an admin's narrow key another user's admin-scoped key", async () => {
    const admin = await createUser(t, { role: 'admin' });
    const narrow = await createKey(t, { owner_id: admin.id, scopes: ['api_keys.write'] });
    const others = await createKey(t, { scopes: ['admin'] }, managerKey);
    expectForbiddenNaming(await regenerate(narrow.key, others.id), 'admin');
    await t.http.get('/api/v1/me').set(bearer(others.key)).expect(200);
    const audit = await t.http
      .get(`/api/v1/audit-events?action=key.regenerated`)
      .set(bearer(t.rootKey))
      .expect(200);
    expect(audit.body.data.map((e: { target_id: string }) => e.target_id)).not.toContain(others.id);
  });

  it("refuses a manager's [api_keys.read, api_keys.write] key the same user's admin key, not a narrower one", async () => {
    const rw = await createKey(t, { scopes: ['api_keys.read', 'api_keys.write'] }, managerKey);
    const adminScoped = await createKey(t, { scopes: ['admin'] }, managerKey);
    expectForbiddenNaming(await regenerate(rw.key, adminScoped.id), 'admin');
    const deleter = await createKey(t, { scopes: ['api_keys.delete'] }, managerKey);
    expectForbiddenNaming(await regenerate(rw.key, deleter.id), 'api_keys.delete');

    const reader = await createKey(t, { scopes: ['api_keys.read'] }, managerKey);
    const regenerated = await regenerate(rw.key, reader.id).expect(200);
    await t.http.get('/api/v1/me').set(bearer(regenerated.body.data.key)).expect(200);
  });

  it('lets a narrow key switch a broader key off, but not back on', async () => {
    const writer = await createKey(t, { scopes: ['api_keys.write'] }, managerKey);
    const sibling = await createKey(t, { scopes: ['admin'] }, managerKey);
    await setStatus(writer.key, sibling.id, 'active').expect(200); // already on: nothing revived
    await setStatus(writer.key, sibling.id, 'inactive').expect(200);

    expectForbiddenNaming(await setStatus(writer.key, sibling.id, 'active'), 'admin');
    const { body } = await t.http
      .get(`/api/v1/keys/${sibling.id}`)
      .set(bearer(managerKey))
      .expect(200);
    expect(body.data.status).toBe('inactive');
    expectError(await t.http.get('/api/v1/me').set(bearer(sibling.key)), 401, 'unauthorized');

    await setStatus(managerKey, sibling.id, 'active').expect(200);
    await t.http.get('/api/v1/me').set(bearer(sibling.key)).expect(200);
  });

  it('checks the scopes a re-enabling PATCH sets, not the ones it replaces', async () => {
    const writer = await createKey(t, { scopes: ['api_keys.write', 'read:assets'] }, managerKey);
    const sibling = await createKey(t, { scopes: ['admin'] }, managerKey);
    await setStatus(managerKey, sibling.id, 'inactive').expect(200);
    const { body } = await t.http
      .patch(`/api/v1/keys/${sibling.id}`)
      .set(bearer(writer.key))
      .send({ status: 'active', scopes: ['read:assets'] })
      .expect(200);
    expect(body.data).toMatchObject({ status: 'active', scopes: ['read:assets'] });
  });
});
