import { ApiKey } from '../src/keys/api-key.entity';
import { LastUsedRecorder } from '../src/keys/last-used.recorder';
import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { changeKeyInDatabase, dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;

describe('key lifecycle (SPEC sections 1 and 6)', () => {
  let t: TestApp;
  const as = (key: string) => bearer(key);

  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_KEYS_PER_USER: '1000' } });
  });
  afterAll(() => t.close());

  const latestEvent = async (action: string): Promise<object> => {
    const { body } = await t.http
      .get(`/api/v1/audit-events?action=${action}&per_page=1`)
      .set(as(t.rootKey))
      .expect(200);
    return (body as { data: object[] }).data[0];
  };

  const expireInDatabase = (id: string) =>
    dataSourceOf(t)
      .getRepository(ApiKey)
      .update(id, { expiresAt: new Date(Date.now() - 1000) });

  describe('GET /keys/:id', () => {
    it('shows a key without its token or hash', async () => {
      const created = await createKey(t, { scopes: ['read:assets'] });
      const { body } = await t.http
        .get(`/api/v1/keys/${created.id}`)
        .set(as(t.rootKey))
        .expect(200);
      expect(Object.keys(body.data).sort()).toEqual(
        [
          'allowed_ips',
          'created_at',
          'expired',
          'expires_at',
          'id',
          'last_used',
          'last_used_ip',
          'leaked_at',
          'is_root',
          'masked_key',
          'name',
          'owner_id',
          'scopes',
          'status',
          'tier',
          'updated_at',
        ].sort(),
      );
      expect(JSON.stringify(body)).not.toContain(created.key.slice(3));
    });

    it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
      expectError(
        await t.http.get('/api/v1/keys/not-a-uuid').set(as(t.rootKey)),
        400,
        'validation_failed',
      );
      expectError(
        await t.http.get('/api/v1/keys/7d3f0b7e-1111-4222-8333-944445555666').set(as(t.rootKey)),
        404,
        'not_found',
      );
    });
  });

  describe('GET /keys: pagination, sorting and filters', () => {
    let owner: string;
    let reader: string;
    beforeAll(async () => {
      // A fresh user so that the list holds exactly these keys.
      owner = (await createUser(t, { role: 'manager' })).id;
      reader = (
        await createKey(t, {
          name: 'reader',
          owner_id: owner,
          scopes: ['api_keys.read', 'api_keys.write'],
        })
      ).key;
      for (const name of ['alpha', 'bravo', 'charlie', 'delta_x', 'echo%'])
        await createKey(t, { name, owner_id: owner }, reader);
      const keys = await t.http.get('/api/v1/keys?per_page=100').set(as(reader)).expect(200);
      const byName = Object.fromEntries(
        keys.body.data.map((k: { name: string; id: string }) => [k.name, k.id]),
      );
      await t.http
        .patch(`/api/v1/keys/${byName.bravo}`)
        .set(as(reader))
        .send({ status: 'inactive' })
        .expect(200);
      await expireInDatabase(byName.charlie);
      await expireInDatabase(byName.delta_x);
      await t.http
        .patch(`/api/v1/keys/${byName.delta_x}`)
        .set(as(reader))
        .send({ status: 'inactive' })
        .expect(200);
    });

    const names = async (query: string): Promise<string[]> => {
      const { body } = await t.http.get(`/api/v1/keys?${query}`).set(as(reader)).expect(200);
      return (body.data as { name: string }[]).map((k) => k.name);
    };

    it('pages with meta {total, page, per_page}, newest first by default', async () => {
      const { body } = await t.http
        .get('/api/v1/keys?per_page=2&page=2')
        .set(as(reader))
        .expect(200);
      expect(body.meta).toEqual({ total: 6, page: 2, per_page: 2 });
      expect(body.data.map((k: { name: string }) => k.name)).toEqual(['charlie', 'bravo']);
      expect(await names('per_page=20')).toEqual([
        'echo%',
        'delta_x',
        'charlie',
        'bravo',
        'alpha',
        'reader',
      ]);
    });

    it('sorts by name, expires_at and last_used in either order', async () => {
      expect(await names('sort=name&order=asc')).toEqual([
        'alpha',
        'bravo',
        'charlie',
        'delta_x',
        'echo%',
        'reader',
      ]);
      expect(await names('sort=name&order=desc')).toEqual([
        'reader',
        'echo%',
        'delta_x',
        'charlie',
        'bravo',
        'alpha',
      ]);
      const byExpiry = await names('sort=expires_at&order=desc');
      expect(byExpiry.slice(0, 2).sort()).toEqual(['charlie', 'delta_x']);
      await t.app.get(LastUsedRecorder).flush(); // as the periodic write would
      expect(await names('sort=last_used&order=desc&per_page=1')).toEqual(['reader']);
    });

    it('filters by status with the meaning of clean-up', async () => {
      expect((await names('status=active')).sort()).toEqual(['alpha', 'echo%', 'reader']);
      expect((await names('status=inactive')).sort()).toEqual(['bravo', 'delta_x']);
      expect((await names('status=expired')).sort()).toEqual(['charlie', 'delta_x']);
    });

    it('searches names literally, wildcards included, and combines filters', async () => {
      expect(await names('q=ALP')).toEqual(['alpha']);
      expect(await names('q=%25')).toEqual(['echo%']);
      expect(await names('q=_')).toEqual(['delta_x']);
      expect(await names('q=a&status=inactive&sort=name&order=asc')).toEqual(['bravo', 'delta_x']);
    });

    it('rejects unknown sort, order, status and paging values with 400', async () => {
      for (const query of [
        'sort=owner',
        'order=up',
        'status=dead',
        'page=0',
        'per_page=101',
        'per_page=x',
        'colour=red',
        // Found by the fuzz tests: an offset past 2^53 reached SQLite as 2e+21 (500).
        'page=99999999999999999999',
      ]) {
        expectError(
          await t.http.get(`/api/v1/keys?${query}`).set(as(reader)),
          400,
          'validation_failed',
        );
      }
    });

    it('shows non-admins only their own keys; admins narrow with owner_id', async () => {
      expect(await names('per_page=100')).not.toContain('root');
      expectError(
        await t.http
          .get(
            `/api/v1/keys?owner_id=${(await t.http.get('/api/v1/me').set(as(t.rootKey))).body.data.user.id}`,
          )
          .set(as(reader)),
        403,
        'forbidden',
      );
      const { body } = await t.http
        .get(`/api/v1/keys?owner_id=${owner}&per_page=100`)
        .set(as(t.rootKey))
        .expect(200);
      expect(body.meta.total).toBe(6);
    });

    it("answers 404 for another user's key", async () => {
      const rootsKey = await createKey(t);
      expectError(
        await t.http.get(`/api/v1/keys/${rootsKey.id}`).set(as(reader)),
        404,
        'not_found',
      );
      expectError(
        await t.http.patch(`/api/v1/keys/${rootsKey.id}`).set(as(reader)).send({ name: 'mine' }),
        404,
        'not_found',
      );
      expectError(
        await t.http.post(`/api/v1/keys/${rootsKey.id}/regenerate`).set(as(reader)).send({}),
        404,
        'not_found',
      );
    });
  });

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
      expect(await latestEvent('key.updated')).toMatchObject({
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

  it('refuses regenerating with expires_in_days: null (400)', async () => {
    const created = await createKey(t);
    expectError(
      await t.http
        .post(`/api/v1/keys/${created.id}/regenerate`)
        .set(as(t.rootKey))
        .send({ expires_in_days: null }),
      400,
      'validation_failed',
    );
    await t.http.get('/api/v1/me').set(as(created.key)).expect(200);
  });

  describe('POST /keys/:id/regenerate', () => {
    it('gives the same key a new token; the old one fails at once', async () => {
      const created = await createKey(t);
      const { body } = await t.http
        .post(`/api/v1/keys/${created.id}/regenerate`)
        .set(as(t.rootKey))
        .send({})
        .expect(200);
      expect(body.data.id).toBe(created.id);
      expect(body.data.key).toMatch(/^lk_[0-9a-f]{64}$/);
      expect(body.data.key).not.toBe(created.key);
      expect(body.data.masked_key).toBe(`lk_****${body.data.key.slice(-4)}`);
      expectError(await t.http.get('/api/v1/me').set(as(created.key)), 401, 'unauthorized');
      await t.http.get('/api/v1/me').set(as(body.data.key)).expect(200);
    });

    it('keeps the old token working during grace_period_s', async () => {
      const created = await createKey(t);
      const { body } = await t.http
        .post(`/api/v1/keys/${created.id}/regenerate`)
        .set(as(t.rootKey))
        .send({ grace_period_s: 300 })
        .expect(200);
      await t.http.get('/api/v1/me').set(as(created.key)).expect(200);
      await t.http.get('/api/v1/me').set(as(body.data.key)).expect(200);
      // The grace period ends (moved into the past here): the old token then fails.
      await changeKeyInDatabase(t, created.id, {
        previousKeyExpiresAt: new Date(Date.now() - 1000),
      });
      expectError(await t.http.get('/api/v1/me').set(as(created.key)), 401, 'unauthorized');
      await t.http.get('/api/v1/me').set(as(body.data.key)).expect(200);
    });

    it('sets, keeps or removes the expiry', async () => {
      const created = await createKey(t, { expires_in_days: 10 });
      const kept = await t.http
        .post(`/api/v1/keys/${created.id}/regenerate`)
        .set(as(t.rootKey))
        .send({})
        .expect(200);
      expect(kept.body.data.expires_at).toBe(created.expires_at);
      const days = await t.http
        .post(`/api/v1/keys/${created.id}/regenerate`)
        .set(as(t.rootKey))
        .send({ expires_in_days: 30 })
        .expect(200);
      expect(Date.parse(days.body.data.expires_at) - Date.now()).toBeGreaterThan(29 * DAY);
      const never = await t.http
        .post(`/api/v1/keys/${created.id}/regenerate`)
        .set(as(t.rootKey))
        .send({ expires_at: null })
        .expect(200);
      expect(never.body.data.expires_at).toBeNull();
    });

    it('needs a new expiry for an expired key (400), then revives it', async () => {
      const created = await createKey(t, { expires_in_days: 1 });
      await expireInDatabase(created.id);
      const refused = await t.http
        .post(`/api/v1/keys/${created.id}/regenerate`)
        .set(as(t.rootKey))
        .send({});
      expectError(refused, 400, 'validation_failed');
      const { body } = await t.http
        .post(`/api/v1/keys/${created.id}/regenerate`)
        .set(as(t.rootKey))
        .send({ expires_in_days: 7 })
        .expect(200);
      expect(body.data.expired).toBe(false);
      await t.http.get('/api/v1/me').set(as(body.data.key)).expect(200);
    });

    it.each([
      [{ grace_period_s: -1 }],
      [{ grace_period_s: 86401 }],
      [{ expires_at: '2000-01-01T00:00:00Z' }],
      [{ expires_at: '2099-01-01T00:00:00Z', expires_in_days: 3 }],
      [{ expires_at: null, expires_in_days: 5 }],
      [{ name: 'x' }],
    ])('rejects %j with 400', async (body) => {
      const created = await createKey(t);
      expectError(
        await t.http.post(`/api/v1/keys/${created.id}/regenerate`).set(as(t.rootKey)).send(body),
        400,
        'validation_failed',
      );
      await t.http.get('/api/v1/me').set(as(created.key)).expect(200);
    });
  });

  describe('DELETE /keys/:id', () => {
    it("answers with the seed's body, and the token fails at once", async () => {
      const created = await createKey(t);
      const { body } = await t.http
        .delete(`/api/v1/keys/${created.id}`)
        .set(as(t.rootKey))
        .expect(200);
      expect(body).toEqual({ status: 'success', message: 'API key revoked.' });
      expectError(await t.http.get('/api/v1/me').set(as(created.key)), 401, 'unauthorized');
      expectError(
        await t.http.get(`/api/v1/keys/${created.id}`).set(as(t.rootKey)),
        404,
        'not_found',
      );
      expectError(
        await t.http.delete(`/api/v1/keys/${created.id}`).set(as(t.rootKey)),
        404,
        'not_found',
      );
    });
  });

  describe('last_used', () => {
    it('appears after use, with the client address', async () => {
      const created = await createKey(t);
      const before = await t.http.get(`/api/v1/keys/${created.id}`).set(as(t.rootKey));
      expect(before.body.data.last_used).toBeNull();
      await t.http.get('/api/v1/me').set(as(created.key)).expect(200);
      const after = await t.http.get(`/api/v1/keys/${created.id}`).set(as(t.rootKey));
      expect(Date.now() - Date.parse(after.body.data.last_used)).toBeLessThan(60_000);
      expect(after.body.data.last_used_ip).toMatch(/127\.0\.0\.1|::1/);
    });
  });

  describe('POST /keys/report-leak', () => {
    it('switches matching keys off, says nothing about which matched, and audits it', async () => {
      const leaked = await createKey(t);
      const response = await t.http
        .post('/api/v1/keys/report-leak')
        .send({ tokens: [leaked.key, `lk_${'0'.repeat(64)}`, 'garbage'] })
        .expect(202);
      expect(response.body).toEqual({ data: { received: 3 } });
      expectError(await t.http.get('/api/v1/me').set(as(leaked.key)), 401, 'unauthorized');
      const { body } = await t.http.get(`/api/v1/keys/${leaked.id}`).set(as(t.rootKey)).expect(200);
      expect(body.data.status).toBe('inactive');
      const audit = await t.http
        .get('/api/v1/audit-events?action=key.leak_reported')
        .set(as(t.rootKey))
        .expect(200);
      expect(audit.body.data[0]).toMatchObject({
        target_id: leaked.id,
        actor_user_id: null,
        actor_key_id: null,
      });
      expect(JSON.stringify(audit.body)).not.toContain(leaked.key.slice(3));
    });

    it('keeps a leak-reported key off until it is regenerated, which clears leaked_at', async () => {
      const leaked = await createKey(t);
      const show = async () =>
        (await t.http.get(`/api/v1/keys/${leaked.id}`).set(as(t.rootKey)).expect(200)).body
          .data as { status: string; leaked_at: string | null };
      expect((await show()).leaked_at).toBeNull();
      const report = () =>
        t.http
          .post('/api/v1/keys/report-leak')
          .send({ tokens: [leaked.key] })
          .expect(202);
      await report();
      const reported = await show();
      expect(reported).toMatchObject({ status: 'inactive' });
      expect(Date.now() - Date.parse(reported.leaked_at!)).toBeLessThan(60_000);
      await report(); // a second report keeps the first one's time
      expect(await show()).toMatchObject({ status: 'inactive', leaked_at: reported.leaked_at });

      const enable = await t.http
        .patch(`/api/v1/keys/${leaked.id}`)
        .set(as(t.rootKey))
        .send({ status: 'active' });
      expectError(enable, 409, 'conflict');
      expect(enable.body.error.message).toMatch(/regenerate/);
      const withGrace = await t.http
        .post(`/api/v1/keys/${leaked.id}/regenerate`)
        .set(as(t.rootKey))
        .send({ grace_period_s: 300 });
      expectError(withGrace, 409, 'conflict');
      expect(await show()).toMatchObject({ status: 'inactive', leaked_at: reported.leaked_at });
      expectError(await t.http.get('/api/v1/me').set(as(leaked.key)), 401, 'unauthorized');

      const { body } = await t.http
        .post(`/api/v1/keys/${leaked.id}/regenerate`)
        .set(as(t.rootKey))
        .send({})
        .expect(200);
      expect(body.data).toMatchObject({ status: 'active', leaked_at: null });
      await t.http.get('/api/v1/me').set(as(body.data.key)).expect(200);
      expectError(await t.http.get('/api/v1/me').set(as(leaked.key)), 401, 'unauthorized');
      expect(await latestEvent('key.regenerated')).toMatchObject({
        target_id: leaked.id,
        details: { cleared_leaked_at: reported.leaked_at },
      });
    });

    it('gives the same answer when nothing matches', async () => {
      const { body } = await t.http
        .post('/api/v1/keys/report-leak')
        .send({ tokens: [`lk_${'1'.repeat(64)}`] })
        .expect(202);
      expect(body).toEqual({ data: { received: 1 } });
    });

    it.each([
      [{}],
      [{ tokens: [] }],
      [{ tokens: 'lk_x' }],
      [{ tokens: Array(101).fill('x') }],
      [{ tokens: [1] }],
    ])('rejects %j with 400', async (body) => {
      expectError(
        await t.http.post('/api/v1/keys/report-leak').send(body),
        400,
        'validation_failed',
      );
    });
  });
});

describe('last_used across restarts', () => {
  it('is written at shutdown and survives a graceful restart', async () => {
    const first = await startTestApp();
    const created = await createKey(first);
    await first.http.get('/api/v1/me').set(bearer(created.key)).expect(200);
    const unwritten = await dataSourceOf(first)
      .getRepository(ApiKey)
      .findOneByOrFail({ id: created.id });
    expect(unwritten.lastUsed).toBeNull(); // not yet: writes are batched per interval
    await first.close();
    const second = await startTestApp({ dataDir: first.dataDir, keepDatabase: true });
    try {
      const { body } = await second.http
        .get(`/api/v1/keys/${created.id}`)
        .set(bearer(second.rootKey))
        .expect(200);
      expect(body.data.last_used).not.toBeNull();
    } finally {
      await second.close();
    }
  });
});

describe('clean-up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const counts = async (): Promise<unknown> =>
    (await t.http.get('/api/v1/keys/cleanup').set(bearer(t.rootKey)).expect(200)).body.data;

  async function seed() {
    const make = async (expired: boolean, inactive: boolean) => {
      const key = await createKey(t, inactive ? {} : {});
      if (expired)
        await dataSourceOf(t)
          .getRepository(ApiKey)
          .update(key.id, { expiresAt: new Date(Date.now() - 1000) });
      if (inactive)
        await t.http
          .patch(`/api/v1/keys/${key.id}`)
          .set(bearer(t.rootKey))
          .send({ status: 'inactive' })
          .expect(200);
      return key;
    };
    return {
      live: await make(false, false),
      expired: await make(true, false),
      inactive: await make(false, true),
      both: await make(true, true),
    };
  }

  it('counts, then deletes expired and inactive keys together', async () => {
    await seed();
    expect(await counts()).toEqual({ expired: 2, inactive: 2, expired_and_inactive: 1 });
    const { body } = await t.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(t.rootKey))
      .send({ expired: true, inactive: true })
      .expect(200);
    expect(body).toEqual({ data: { deleted: 3 } });
    expect(await counts()).toEqual({ expired: 0, inactive: 0, expired_and_inactive: 0 });
  });

  it('deletes only keys that are both with expired_and_inactive', async () => {
    const { live, expired, inactive, both } = await seed();
    const { body } = await t.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(t.rootKey))
      .send({ expired_and_inactive: true })
      .expect(200);
    expect(body.data.deleted).toBe(1);
    const remaining = (
      await t.http.get('/api/v1/keys?per_page=100').set(bearer(t.rootKey))
    ).body.data.map((k: { id: string }) => k.id);
    expect(remaining).toEqual(expect.arrayContaining([live.id, expired.id, inactive.id]));
    expect(remaining).not.toContain(both.id);
    await t.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(t.rootKey))
      .send({ expired: true })
      .expect(200);
    await t.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(t.rootKey))
      .send({ inactive: true })
      .expect(200);
  });

  it.each([
    [{}],
    [{ expired: false }],
    [{ expired_and_inactive: true, expired: true }],
    [{ expired_and_inactive: true, inactive: true }],
    [{ expired: 'yes' }],
    [{ everything: true }],
  ])('rejects %j with 400 and deletes nothing', async (body) => {
    await seed();
    const before = await counts();
    expectError(
      await t.http.post('/api/v1/keys/cleanup').set(bearer(t.rootKey)).send(body),
      400,
      'validation_failed',
    );
    expect(await counts()).toEqual(before);
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
    return (body as { data: { tier: string } }).data.tier;
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

describe('report-leak is limited per client address', () => {
  it('answers 429 rate_limited with Retry-After once the anonymous budget is spent', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_ANONYMOUS: '3' } });
    try {
      const report = () => t.http.post('/api/v1/keys/report-leak').send({ tokens: ['lk_x'] });
      for (let i = 0; i < 3; i++) {
        const accepted = await report().expect(202);
        expect(accepted.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      }
      const refused = await report();
      expectError(refused, 429, 'rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
