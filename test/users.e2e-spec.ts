import { AuditEvent } from '../src/audit/audit-event.entity';
import { User } from '../src/users/user.entity';
import { createKey } from './factories/key.factory';
import { createUser, updateUser, userInput } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('users (SPEC section 6)', () => {
  let t: TestApp;
  let rootId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const me = await t.http.get('/api/v1/me').set(bearer(t.rootKey)).expect(200);
    rootId = me.body.data.user.id;
  });
  afterAll(() => t.close());

  const users = () => dataSourceOf(t).getRepository(User);
  /** A user's audit events by action name: the events of one request share a timestamp. */
  const eventsFor = async (targetId: string) =>
    (await dataSourceOf(t).getRepository(AuditEvent).findBy({ targetId })).sort((a, b) =>
      a.action.localeCompare(b.action),
    );
  const asRoot = () => bearer(t.rootKey);

  describe('POST /api/v1/users', () => {
    it('creates a user, stores it and records user.created with the actor', async () => {
      const input = userInput({ role: 'manager', email: 'Dora.Manager@Example.com' });
      const response = await t.http.post('/api/v1/users').set(asRoot()).send(input).expect(201);
      expect(response.body).toEqual({
        data: {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          name: input.name,
          email: 'dora.manager@example.com',
          role: 'manager',
          status: 'active',
          created_at: expect.stringMatching(ISO),
          updated_at: expect.stringMatching(ISO),
        },
      });
      const id = response.body.data.id;
      expect(await users().findOneByOrFail({ id })).toMatchObject({
        name: input.name,
        email: 'dora.manager@example.com',
        role: 'manager',
        status: 'active',
      });
      const [event] = await eventsFor(id);
      expect(event).toMatchObject({
        action: 'user.created',
        actorUserId: rootId,
        actorKeyId: expect.any(String),
        targetType: 'user',
        details: { name: input.name, role: 'manager', status: 'active' },
      });
      expect(JSON.stringify(event)).not.toContain(t.rootKey);
    });

    it('accepts a user without e-mail, and one created disabled', async () => {
      const response = await t.http
        .post('/api/v1/users')
        .set(asRoot())
        .send({ ...userInput({ status: 'disabled' }), email: undefined })
        .expect(201);
      expect(response.body.data).toMatchObject({ email: null, status: 'disabled' });
    });

    it.each([
      [{ ...userInput(), name: undefined }, 'name'],
      [userInput({ name: 'Dora' }), 'name'],
      [userInput({ name: 'has space' }), 'name'],
      [userInput({ name: 'x'.repeat(129) }), 'name'],
      [userInput({ email: 'not-an-email' }), 'email'],
      // A lone UTF-16 surrogate (valid JSON, not valid text) made validator's isEmail throw: a 500.
      [userInput({ email: 'dora\ud800@example.com' }), 'email'],
      [{ ...userInput(), role: undefined }, 'role'],
      [userInput({ role: 'superuser' }), 'role'],
      [userInput({ status: 'gone' }), 'status'],
      [{ ...userInput(), password: 'x' }, 'password'],
    ])('rejects %j with 400 naming %s, and stores nothing', async (body, field) => {
      const before = await users().count();
      const response = await t.http.post('/api/v1/users').set(asRoot()).send(body);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect(await users().count()).toBe(before);
    });

    it('answers 409 conflict for a taken name or e-mail (any case), writing nothing', async () => {
      const existing = await createUser(t);
      const before = await users().count();
      for (const [body, field] of [
        [userInput({ name: existing.name }), 'name'],
        [userInput({ name: 'root' }), 'name'],
        [userInput({ email: existing.email!.toUpperCase() }), 'email'],
      ] as const) {
        const response = await t.http.post('/api/v1/users').set(asRoot()).send(body);
        expectError(response, 409, 'conflict');
        expect(response.body.error.details).toEqual([{ field, message: 'is already taken' }]);
      }
      expect(await users().count()).toBe(before);
    });
  });

  it('keeps names unique under concurrent requests: one 201, the rest 409', async () => {
    const input = userInput();
    const responses = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        t.http
          .post('/api/v1/users')
          .set(asRoot())
          .send({ ...input, email: `racer${n}@example.com` }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await users().countBy({ name: input.name })).toBe(1);
  });

  describe('GET /api/v1/users/:id', () => {
    it('returns one user by id', async () => {
      const user = await createUser(t, { role: 'viewer' });
      const response = await t.http.get(`/api/v1/users/${user.id}`).set(asRoot()).expect(200);
      expect(response.body).toEqual({ data: user });
    });

    it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
      for (const method of ['get', 'patch'] as const) {
        const bad = await t.http[method]('/api/v1/users/42').set(asRoot()).send({});
        expectError(bad, 400, 'validation_failed');
        expect(bad.body.error.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
        const unknown = await t.http[method](`/api/v1/users/${UNKNOWN_ID}`).set(asRoot()).send({});
        expectError(unknown, 404, 'not_found');
      }
    });
  });

  describe('PATCH /api/v1/users/:id', () => {
    it('changes name and e-mail and records user.updated naming the fields', async () => {
      const user = await createUser(t);
      const updated = await updateUser(t, user.id, { name: `${user.name}-x`, email: null });
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
      const user = await createUser(t, { role: 'manager' });
      await updateUser(t, user.id, { role: 'viewer', status: 'disabled' });
      await updateUser(t, user.id, { status: 'active' });
      const events = await eventsFor(user.id);
      expect(events.map((e) => [e.action, e.details, e.actorUserId])).toEqual([
        ['user.created', expect.anything(), rootId],
        ['user.disabled', {}, rootId],
        ['user.role_changed', { from: 'manager', to: 'viewer' }, rootId],
        ['user.updated', { fields: ['status'] }, rootId],
      ]);
    });

    it('changes nothing and records nothing for a request that changes nothing', async () => {
      const user = await createUser(t);
      expect(await updateUser(t, user.id, { role: user.role })).toEqual(user);
      expect(await updateUser(t, user.id, {})).toEqual(user);
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
      const user = await createUser(t);
      const response = await t.http.patch(`/api/v1/users/${user.id}`).set(asRoot()).send(body);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      const stored = await t.http.get(`/api/v1/users/${user.id}`).set(asRoot());
      expect(stored.body.data).toEqual(user);
    });

    it('answers 409 conflict for a name or e-mail another user has', async () => {
      const [dora, eve] = [await createUser(t), await createUser(t)];
      for (const changes of [{ name: eve.name }, { email: eve.email }]) {
        const response = await t.http.patch(`/api/v1/users/${dora.id}`).set(asRoot()).send(changes);
        expectError(response, 409, 'conflict');
      }
      expect((await t.http.get(`/api/v1/users/${dora.id}`).set(asRoot())).body.data).toEqual(dora);
    });

    it.each([[{ status: 'disabled' }], [{ role: 'manager' }], [{ name: 'admin' }]])(
      'refuses %j on the root user with 409, which keeps working',
      async (changes) => {
        const response = await t.http.patch(`/api/v1/users/${rootId}`).set(asRoot()).send(changes);
        expectError(response, 409, 'conflict');
        expect(await users().findOneByOrFail({ id: rootId })).toMatchObject({
          name: 'root',
          role: 'admin',
          status: 'active',
        });
        await t.http.get('/api/v1/me').set(asRoot()).expect(200);
      },
    );

    it("lets the root user's e-mail change", async () => {
      const updated = await updateUser(t, rootId, { email: 'ops@example.com' });
      expect(updated).toMatchObject({ name: 'root', email: 'ops@example.com' });
    });
  });

  describe("changes take effect on the user's keys at their next request", () => {
    it('a new role narrows an admin-scoped key at once, and widens it back', async () => {
      const user = await createUser(t, { role: 'manager' });
      const key = await createKey(t, { owner_id: user.id, scopes: ['admin'] });
      await createKey(t, {}, key.key);

      await updateUser(t, user.id, { role: 'viewer' });
      const me = await t.http.get('/api/v1/me').set(bearer(key.key)).expect(200);
      expect(me.body.data.user.role).toBe('viewer');
      expect(me.body.data.grants).toEqual(expect.arrayContaining(['api_keys.read', 'read:assets']));
      expect(me.body.data.grants).not.toContain('write:assets');
      expectError(
        await t.http.post('/api/v1/keys').set(bearer(key.key)).send({ name: 'after-demotion' }),
        403,
        'forbidden',
      );

      await updateUser(t, user.id, { role: 'manager' });
      await createKey(t, {}, key.key);
    });

    it('disabling a user makes every one of their keys a 401; enabling restores them', async () => {
      const user = await createUser(t, { role: 'client' });
      const keys = [
        await createKey(t, { owner_id: user.id }),
        await createKey(t, { owner_id: user.id, scopes: ['read:assets'] }),
      ];
      for (const { key } of keys) await t.http.get('/api/v1/me').set(bearer(key)).expect(200);

      await updateUser(t, user.id, { status: 'disabled' });
      for (const { key } of keys) {
        const response = await t.http.get('/api/v1/me').set(bearer(key));
        expectError(response, 401, 'unauthorized');
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }

      await updateUser(t, user.id, { status: 'active' });
      for (const { key } of keys) await t.http.get('/api/v1/me').set(bearer(key)).expect(200);
    });
  });
});

// Its own app: exactly four users. One app at a time, since Passport's strategies are process-wide.
describe('GET /api/v1/users', () => {
  let pagingApp: TestApp;
  beforeAll(async () => {
    pagingApp = await startTestApp();
    for (const role of ['viewer', 'viewer', 'service']) await createUser(pagingApp, { role });
  });
  afterAll(() => pagingApp.close());

  it('pages through the users oldest first, root leading', async () => {
    const first = await pagingApp.http
      .get('/api/v1/users?per_page=3')
      .set(bearer(pagingApp.rootKey))
      .expect(200);
    expect(first.body.meta).toEqual({ total: 4, page: 1, per_page: 3 });
    expect(first.body.data.map((u: { name: string }) => u.name)[0]).toBe('root');
    expect(first.body.data).toHaveLength(3);
    const second = await pagingApp.http
      .get('/api/v1/users?per_page=3&page=2')
      .set(bearer(pagingApp.rootKey))
      .expect(200);
    expect(second.body).toEqual({
      data: [expect.objectContaining({ id: expect.any(String) })],
      meta: { total: 4, page: 2, per_page: 3 },
    });
    const ids = [...first.body.data, ...second.body.data].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(4);
    const createdAt = [...first.body.data, ...second.body.data].map(
      (u: { created_at: string }) => u.created_at,
    );
    expect(createdAt).toEqual([...createdAt].sort());
  });

  it('defaults to page 1 of 20 and filters by role and status', async () => {
    const all = await pagingApp.http.get('/api/v1/users').set(bearer(pagingApp.rootKey));
    expect(all.body.meta).toEqual({ total: 4, page: 1, per_page: 20 });
    const viewers = await pagingApp.http
      .get('/api/v1/users?role=viewer&status=active')
      .set(bearer(pagingApp.rootKey));
    expect(viewers.body.meta.total).toBe(2);
    expect(viewers.body.data.every((u: { role: string }) => u.role === 'viewer')).toBe(true);
  });

  it.each([
    ['page=0', 'page'],
    ['per_page=101', 'per_page'],
    ['per_page=ten', 'per_page'],
    ['role=root', 'role'],
    ['status=asleep', 'status'],
    ['sort=name', 'sort'],
  ])('rejects ?%s with 400 naming %s', async (query, field) => {
    const response = await pagingApp.http
      .get(`/api/v1/users?${query}`)
      .set(bearer(pagingApp.rootKey));
    expectError(response, 400, 'validation_failed');
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });
});
