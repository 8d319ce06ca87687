import { createKey } from './factories/key.factory';
import { createUser, updateUser } from './factories/user.factory';
import { expectError } from './support/error-envelope';
import { bearer } from './support/test-app';
import { usersApp } from './support/users';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('users (SPEC section 6)', () => {
  const app = usersApp();
  const { users, eventsFor, asRoot } = app;

  describe('PATCH /api/v1/users/:id', () => {
    it('changes name and e-mail and records user.updated naming the fields', async () => {
      const user = await createUser(app.t);
      const updated = await updateUser(app.t, user.id, { name: `${user.name}-x`, email: null });
      expect(updated).toEqual({
        ...user,
        name: `${user.name}-x`,
        email: null,
        updated_at: expect.stringMatching(ISO),
      });
      expect(await users().findOneByOrFail({ id: user.id })).toMatchObject({
        name: `${user.name}-x`,
        email: null,
      });
      const events = await eventsFor(user.id);
      expect(events.map((e) => [e.action, e.details])).toEqual([
        ['user.created', expect.anything()],
        ['user.updated', { fields: ['name', 'email'] }],
      ]);
    });

    it('records user.role_changed and user.disabled in the same request', async () => {
      const user = await createUser(app.t, { role: 'manager' });
      await updateUser(app.t, user.id, { role: 'viewer', status: 'disabled' });
      await updateUser(app.t, user.id, { status: 'active' });
      const events = await eventsFor(user.id);
      expect(events.map((e) => [e.action, e.details, e.actorUserId])).toEqual([
        ['user.created', expect.anything(), app.rootId],
        ['user.disabled', {}, app.rootId],
        ['user.role_changed', { from: 'manager', to: 'viewer' }, app.rootId],
        ['user.updated', { fields: ['status'] }, app.rootId],
      ]);
    });

    it('changes nothing and records nothing for a request that changes nothing', async () => {
      const user = await createUser(app.t);
      expect(await updateUser(app.t, user.id, { role: user.role })).toEqual(user);
      expect(await updateUser(app.t, user.id, {})).toEqual(user);
      expect(await eventsFor(user.id)).toHaveLength(1);
    });

    it.each([
      [{ name: null }, 'name'],
      [{ role: null }, 'role'],
      [{ status: null }, 'status'],
      [{ name: 'UPPER' }, 'name'],
      [{ email: 'nope' }, 'email'],
      [{ email: '\ud800' }, 'email'],
      [{ id: UNKNOWN_ID }, 'id'],
    ])('rejects %j with 400 naming %s, and changes nothing', async (body, field) => {
      const user = await createUser(app.t);
      const response = await app.t.http.patch(`/api/v1/users/${user.id}`).set(asRoot()).send(body);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      const stored = await app.t.http.get(`/api/v1/users/${user.id}`).set(asRoot());
      expect(stored.body.data).toEqual(user);
    });

    it('answers 409 conflict for a name or e-mail another user has', async () => {
      const [dora, eve] = [await createUser(app.t), await createUser(app.t)];
      for (const changes of [{ name: eve.name }, { email: eve.email }]) {
        const response = await app.t.http
          .patch(`/api/v1/users/${dora.id}`)
          .set(asRoot())
          .send(changes);
        expectError(response, 409, 'conflict');
      }
      expect((await app.t.http.get(`/api/v1/users/${dora.id}`).set(asRoot())).body.data).toEqual(
        dora,
      );
    });

    it.each([[{ status: 'disabled' }], [{ role: 'manager' }], [{ name: 'admin' }]])(
      'refuses %j on the root user with 409, which keeps working',
      async (changes) => {
        const response = await app.t.http
          .patch(`/api/v1/users/${app.rootId}`)
          .set(asRoot())
          .send(changes);
        expectError(response, 409, 'conflict');
        expect(await users().findOneByOrFail({ id: app.rootId })).toMatchObject({
          name: 'root',
          role: 'admin',
          status: 'active',
        });
        await app.t.http.get('/api/v1/me').set(asRoot()).expect(200);
      },
    );

    it("lets the root user's e-mail change", async () => {
      const updated = await updateUser(app.t, app.rootId, { email: 'ops@example.com' });
      expect(updated).toMatchObject({ name: 'root', email: 'ops@example.com' });
    });
  });

  describe("changes take effect on the user's keys at their next request", () => {
    it('a new role narrows an admin-scoped key at once, and widens it back', async () => {
      const user = await createUser(app.t, { role: 'manager' });
      const key = await createKey(app.t, { owner_id: user.id, scopes: ['admin'] });
      await createKey(app.t, {}, key.key);

      await updateUser(app.t, user.id, { role: 'viewer' });
      const me = await app.t.http.get('/api/v1/me').set(bearer(key.key)).expect(200);
      expect(me.body.data.user.role).toBe('viewer');
      expect(me.body.data.grants).toEqual(expect.arrayContaining(['api_keys.read', 'read:assets']));
      expect(me.body.data.grants).not.toContain('write:assets');
      expectError(
        await app.t.http.post('/api/v1/keys').set(bearer(key.key)).send({ name: 'after-demotion' }),
        403,
        'forbidden',
      );

      await updateUser(app.t, user.id, { role: 'manager' });
      await createKey(app.t, {}, key.key);
    });

    it('disabling a user makes every one of their keys a 401; enabling restores them', async () => {
      const user = await createUser(app.t, { role: 'client' });
      const keys = [
        await createKey(app.t, { owner_id: user.id }),
        await createKey(app.t, { owner_id: user.id, scopes: ['read:assets'] }),
      ];
      for (const { key } of keys) await app.t.http.get('/api/v1/me').set(bearer(key)).expect(200);

      await updateUser(app.t, user.id, { status: 'disabled' });
      for (const { key } of keys) {
        const response = await app.t.http.get('/api/v1/me').set(bearer(key));
        expectError(response, 401, 'unauthorized');
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }

      await updateUser(app.t, user.id, { status: 'active' });
      for (const { key } of keys) await app.t.http.get('/api/v1/me').set(bearer(key)).expect(200);
    });
  });
});
