import { ApiKey } from '../src/keys/api-key.entity';
import { createKey, keyInput } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** No escalation (SPEC section 4): a key hands out only what it holds, within the owner's role. */
describe('no escalation when creating keys', () => {
  let t: TestApp;
  let manager: { id: string };
  let managerKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    manager = await createUser(t, { role: 'manager' });
    managerKey = (await createKey(t, { owner_id: manager.id, scopes: ['admin'] })).key;
  });
  afterAll(() => t.close());

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
