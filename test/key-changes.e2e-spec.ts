import type { Answer } from '../openapi';
import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { expectError } from './support/error-envelope';
import { latestEvent } from './support/keys';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** Creating and changing keys: what a caller may set, and what is refused. */
describe('key lifecycle: changes (SPEC sections 1 and 6)', () => {
  let t: TestApp;
  const as = (key: string) => bearer(key);

  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_KEYS_PER_USER: '1000' } });
  });
  afterAll(() => t.close());

  describe('PATCH /keys/:id', () => {
    it('renames, re-scopes, re-tiers and re-fences, and records what changed', async () => {
      const created = await createKey(t);
      const { body } = await t.http
        .patch(`/api/v1/keys/${created.id}`)
        .set(as(t.rootKey))
        .send({
          name: ' renamed ',
          scopes: ['read:scans'],
          tier: 'enterprise',
          allowed_ips: ['10.1.0.0/16'],
        })
        .expect(200);
      expect(body.data).toMatchObject({
        id: created.id,
        name: 'renamed',
        scopes: ['read:scans'],
        tier: 'enterprise',
        allowed_ips: ['10.1.0.0/16'],
      });
      expect(await latestEvent(t, 'key.updated')).toMatchObject({
        target_id: created.id,
        details: { changed: ['name', 'scopes', 'tier', 'allowed_ips'] },
      });
    });

    it('disables and re-enables: the token fails and works again on the next request', async () => {
      const created = await createKey(t);
      await t.http.get('/api/v1/me').set(as(created.key)).expect(200);
      await t.http
        .patch(`/api/v1/keys/${created.id}`)
        .set(as(t.rootKey))
        .send({ status: 'inactive' })
        .expect(200);
      expectError(await t.http.get('/api/v1/me').set(as(created.key)), 401, 'unauthorized');
      await t.http
        .patch(`/api/v1/keys/${created.id}`)
        .set(as(t.rootKey))
        .send({ status: 'active' })
        .expect(200);
      await t.http.get('/api/v1/me').set(as(created.key)).expect(200);
      const actions = (
        await t.http.get('/api/v1/audit-events?per_page=2').set(as(t.rootKey))
      ).body.data.map((e: { action: string }) => e.action);
      expect(actions).toEqual(['key.enabled', 'key.disabled']);
    });

    it('refuses expires_at (expiry changes by regenerating), empty bodies, and taken names', async () => {
      const created = await createKey(t);
      const refused = await t.http
        .patch(`/api/v1/keys/${created.id}`)
        .set(as(t.rootKey))
        .send({ expires_at: '2099-01-01T00:00:00Z' });
      expectError(refused, 400, 'validation_failed');
      expect(refused.body.error.details[0]).toEqual({
        field: 'expires_at',
        message: expect.stringContaining('regenerate'),
      });
      expectError(
        await t.http.patch(`/api/v1/keys/${created.id}`).set(as(t.rootKey)).send({}),
        400,
        'validation_failed',
      );
      const other = await createKey(t);
      expectError(
        await t.http
          .patch(`/api/v1/keys/${created.id}`)
          .set(as(t.rootKey))
          .send({ name: other.name }),
        409,
        'conflict',
      );
    });

    // Found by the fuzz tests: null passed IsOptional and reached a NOT NULL column (500).
    it.each(['name', 'status', 'scopes', 'tier', 'allowed_ips'])(
      'refuses %s: null with 400 and changes nothing',
      async (field) => {
        const created = await createKey(t);
        expectError(
          await t.http
            .patch(`/api/v1/keys/${created.id}`)
            .set(as(t.rootKey))
            .send({ [field]: null }),
          400,
          'validation_failed',
        );
        const { body } = await t.http.get(`/api/v1/keys/${created.id}`).set(as(t.rootKey));
        expect(body.data).toMatchObject({ name: created.name, status: 'active', scopes: [] });
      },
    );

    it('refuses scopes the caller does not hold (403) and unknown scopes (400)', async () => {
      const writer = await createKey(t, { scopes: ['api_keys.write', 'read:assets'] });
      const child = await createKey(t, { scopes: ['read:assets'] }, writer.key);
      expectError(
        await t.http
          .patch(`/api/v1/keys/${child.id}`)
          .set(as(writer.key))
          .send({ scopes: ['write:assets'] }),
        403,
        'forbidden',
      );
      expectError(
        await t.http
          .patch(`/api/v1/keys/${child.id}`)
          .set(as(writer.key))
          .send({ scopes: ['read:nothing'] }),
        400,
        'validation_failed',
      );
    });

    it('keeps the root key as the key file says (409)', async () => {
      const me = await t.http.get('/api/v1/me').set(as(t.rootKey));
      const rootKeyId = me.body.data.key.id;
      expectError(
        await t.http
          .patch(`/api/v1/keys/${rootKeyId}`)
          .set(as(t.rootKey))
          .send({ status: 'inactive' }),
        409,
        'conflict',
      );
      expectError(
        await t.http.delete(`/api/v1/keys/${rootKeyId}`).set(as(t.rootKey)),
        409,
        'conflict',
      );
      await t.http.get('/api/v1/me').set(as(t.rootKey)).expect(200);
    });
  });

  // Found by the fuzz tests: null passed IsOptional; owner_id: null was a 500 and
  // expires_in_days: null made a key that expired at once.
  it.each([
    { owner_id: null },
    { expires_in_days: null },
    { expires_at: null, expires_in_days: 5 },
  ])('refuses POST /keys with %j (400) and creates nothing', async (fields) => {
    const name = `null-${Object.keys(fields)[0]}`;
    expectError(
      await t.http
        .post('/api/v1/keys')
        .set(as(t.rootKey))
        .send({ name, ...fields }),
      400,
      'validation_failed',
    );
    const { body } = await t.http.get(`/api/v1/keys?q=${name}`).set(as(t.rootKey));
    expect(body.meta.total).toBe(0);
  });

  it('refuses a name with a lone UTF-16 surrogate (400 naming it) instead of storing U+FFFD', async () => {
    const response = await t.http
      .post('/api/v1/keys')
      .set(as(t.rootKey))
      .send({ name: 'lone-\ud800-surrogate', scopes: ['api_keys.read'] });
    expectError(response, 400, 'validation_failed');
    expect(response.body.error.details).toEqual([
      expect.objectContaining({ field: 'name', message: expect.stringMatching(/surrogate/) }),
    ]);
    const { body } = await t.http.get('/api/v1/keys?q=surrogate').set(as(t.rootKey));
    expect(body.meta.total).toBe(0);
  });
});

/** A tier is an agreement, not a caller's choice (SPEC section 5): only admins set one. */
describe('tiers', () => {
  let t: TestApp;
  let owner: { id: string };
  let ownerKey: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_STANDARD: '2' } });
    owner = await createUser(t, { role: 'manager' });
    // Enterprise (given by root) so that the owner's own requests never run out here.
    ownerKey = (await createKey(t, { owner_id: owner.id, scopes: ['admin'], tier: 'enterprise' }))
      .key;
  });
  afterAll(() => t.close());

  const tierOf = async (id: string): Promise<string> => {
    const { body } = await t.http.get(`/api/v1/keys/${id}`).set(bearer(t.rootKey)).expect(200);
    return (body as Answer<'/api/v1/keys/{id}', 'get'>).data.tier;
  };

  it('gives non-admins the default tier and refuses them any other (403)', async () => {
    expect((await createKey(t, {}, ownerKey)).tier).toBe('standard');
    expect((await createKey(t, { tier: 'standard' }, ownerKey)).tier).toBe('standard');
    for (const tier of ['premium', 'enterprise']) {
      const name = `chosen-${tier}`;
      const refused = await t.http.post('/api/v1/keys').set(bearer(ownerKey)).send({ name, tier });
      expectError(refused, 403, 'forbidden');
      expect(refused.body.error.message).toMatch(/tier/);
      const { body } = await t.http.get(`/api/v1/keys?q=${name}`).set(bearer(t.rootKey));
      expect(body.meta.total).toBe(0);
    }
  });

  it('refuses a non-admin owner re-tiering a spent standard key; an admin may', async () => {
    const spent = await createKey(t, {}, ownerKey);
    for (let i = 0; i < 2; i++) await t.http.get('/api/v1/me').set(bearer(spent.key)).expect(200);
    expectError(await t.http.get('/api/v1/me').set(bearer(spent.key)), 429, 'rate_limited');

    const retier = (callerKey: string, tier: string) =>
      t.http.patch(`/api/v1/keys/${spent.id}`).set(bearer(callerKey)).send({ tier });
    expectError(await retier(ownerKey, 'enterprise'), 403, 'forbidden');
    expect(await tierOf(spent.id)).toBe('standard');
    expectError(await t.http.get('/api/v1/me').set(bearer(spent.key)), 429, 'rate_limited');
    await retier(ownerKey, 'standard').expect(200); // names the tier it has: no change

    await retier(t.rootKey, 'premium').expect(200);
    expectError(await retier(ownerKey, 'standard'), 403, 'forbidden');
    expect(await tierOf(spent.id)).toBe('premium');
  });
});
