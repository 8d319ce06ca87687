import { createUser, userInput } from './factories/user.factory';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { usersApp } from './support/users';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('users (SPEC section 6)', () => {
  const app = usersApp();
  const { users, eventsFor, asRoot } = app;

  describe('POST /api/v1/users', () => {
    it('creates a user, stores it and records user.created with the actor', async () => {
      const input = userInput({ role: 'manager', email: 'Dora.Manager@Example.com' });
      const response = await app.t.http.post('/api/v1/users').set(asRoot()).send(input).expect(201);
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
        actorUserId: app.rootId,
        actorKeyId: expect.any(String),
        targetType: 'user',
        details: { name: input.name, role: 'manager', status: 'active' },
      });
      expect(JSON.stringify(event)).not.toContain(app.t.rootKey);
    });

    it('accepts a user without e-mail, and one created disabled', async () => {
      const response = await app.t.http
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
      [{ ...userInput(), role: 'superuser' }, 'role'],
      [{ ...userInput(), status: 'gone' }, 'status'],
      [{ ...userInput(), password: 'x' }, 'password'],
    ])('rejects %j with 400 naming %s, and stores nothing', async (body, field) => {
      const before = await users().count();
      const response = await app.t.http.post('/api/v1/users').set(asRoot()).send(body);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect(await users().count()).toBe(before);
    });

    it('answers 409 conflict for a taken name or e-mail (any case), writing nothing', async () => {
      const existing = await createUser(app.t);
      const before = await users().count();
      for (const [body, field] of [
        [userInput({ name: existing.name }), 'name'],
        [userInput({ name: 'root' }), 'name'],
        [userInput({ email: existing.email!.toUpperCase() }), 'email'],
      ] as const) {
        const response = await app.t.http.post('/api/v1/users').set(asRoot()).send(body);
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
        app.t.http
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
      const user = await createUser(app.t, { role: 'viewer' });
      const response = await app.t.http.get(`/api/v1/users/${user.id}`).set(asRoot()).expect(200);
      expect(response.body).toEqual({ data: user });
    });

    it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
      for (const method of ['get', 'patch'] as const) {
        const bad = await app.t.http[method]('/api/v1/users/42').set(asRoot()).send({});
        expectError(bad, 400, 'validation_failed');
        expect(bad.body.error.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
        const unknown = await app.t.http[method](`/api/v1/users/${UNKNOWN_ID}`)
          .set(asRoot())
          .send({});
        expectError(unknown, 404, 'not_found');
      }
    });
  });
});

// Its own app: exactly four users. One app at a time, since Passport's strategies are process-wide.
describe('GET /api/v1/users', () => {
  let pagingApp: TestApp;
  beforeAll(async () => {
    pagingApp = await startTestApp();
    for (const role of ['viewer', 'viewer', 'service'] as const)
      await createUser(pagingApp, { role });
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
