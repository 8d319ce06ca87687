import { createHash } from 'node:crypto';
import { ApiKey } from '../src/keys/api-key.entity';
import { createUser, updateUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { expectRateLimited } from './support/rate-limit';
import { bearer, startTestApp, TestApp } from './support/test-app';

const TOKEN = /^lk_[0-9a-f]{64}$/;

describe('authentication (SPEC section 2)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const createKey = async (body: Record<string, unknown>, key = t.rootKey) => {
    const response = await t.http.post('/api/v1/keys').set(bearer(key)).send(body);
    expect(response.status).toBe(201);
    return response.body.data as { id: string; key: string; owner_id: string };
  };

  const expectUnauthorized = (response: import('supertest').Response) => {
    expectError(response, 401, 'unauthorized');
    expect(response.headers['www-authenticate']).toBe('Bearer');
  };

  describe('public routes', () => {
    it('GET / names the service, its version and the docs', async () => {
      const response = await t.http.get('/').expect(200);
      expect(response.body).toEqual({
        data: { name: 'latchkey', version: expect.any(String), docs: '/docs' },
      });
    });

    it('GET /api/v1/health reports the service up', async () => {
      const response = await t.http.get('/api/v1/health').expect(200);
      expect(response.body.data).toEqual({
        status: 'ok',
        checks: { startup: { status: 'up' }, database: { status: 'up' } },
      });
    });

    it('serves Swagger UI at /docs and the document at /docs-json with both key schemes', async () => {
      await t.http.get('/docs').expect(200).expect('content-type', /html/);
      const { body } = await t.http.get('/docs-json').expect(200);
      expect(body.components.securitySchemes).toEqual({
        bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
        'api-key': { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      });
      for (const [path, operations] of Object.entries<Record<string, any>>(body.paths)) {
        for (const [method, operation] of Object.entries<any>(operations)) {
          expect({ route: `${method} ${path}`, summary: typeof operation.summary }).toEqual({
            route: `${method} ${path}`,
            summary: 'string',
          });
          // Public routes document anonymous access (one empty requirement).
          const isPublic = JSON.stringify(operation.security) === '[{}]';
          if (!isPublic) {
            expect(operation.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
            expect(Object.keys(operation.responses)).toEqual(
              expect.arrayContaining(['401', '403']),
            );
          }
        }
      }
    });
  });

  describe('accepted keys', () => {
    it('accepts the key as a Bearer token and as X-Api-Key', async () => {
      for (const headers of [
        bearer(t.rootKey),
        { 'X-Api-Key': t.rootKey },
        { Authorization: `bearer ${t.rootKey}` },
      ]) {
        const response = await t.http.get('/api/v1/me').set(headers).expect(200);
        expect(response.body.data.user).toEqual({
          id: expect.any(String),
          name: 'root',
          role: 'admin',
        });
        expect(response.body.data.key).toMatchObject({
          name: 'root',
          scopes: ['admin'],
          masked_key: `lk_****${t.rootKey.slice(-4)}`,
        });
        expect(response.body.data.grants).toEqual(
          expect.arrayContaining(['api_keys.write', 'audit.read', 'read:assets']),
        );
        expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it('accepts the same key sent in both headers, or twice', async () => {
      for (const headers of [
        { ...bearer(t.rootKey), 'X-Api-Key': t.rootKey },
        { Authorization: [`Bearer ${t.rootKey}`, `Bearer ${t.rootKey}`] },
      ]) {
        await t.http.get('/api/v1/me').set(headers).expect(200);
      }
    });
  });

  describe('rejected keys: 401 with the same body whatever the reason', () => {
    let bodies: unknown[];
    beforeAll(() => (bodies = []));
    afterAll(() => {
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    });
    const rejected = async (headers: Record<string, string | string[]>, path = '/api/v1/me') => {
      const response = await t.http.get(path).set(headers);
      expectUnauthorized(response);
      bodies.push(response.body);
    };

    it('missing', () => rejected({}));
    it('malformed: wrong prefix, wrong length, upper-case hex, not Bearer', async () => {
      await rejected(bearer(`xx_${'a'.repeat(64)}`));
      await rejected(bearer(`lk_${'a'.repeat(63)}`));
      await rejected(bearer(`lk_${'A'.repeat(64)}`));
      await rejected({ Authorization: `Basic ${t.rootKey}` });
      await rejected({ Authorization: `Bearer ${t.rootKey} extra` });
    });
    it('unknown', () => rejected(bearer(`lk_${'0'.repeat(64)}`)));
    it('two different valid keys, in two headers of one kind or one of each', async () => {
      const other = (await createKey({ name: 'other' })).key;
      await rejected({ Authorization: [`Bearer ${t.rootKey}`, `Bearer ${other}`] });
      await rejected({ ...bearer(t.rootKey), 'X-Api-Key': other });
      await rejected({ 'X-Api-Key': [other, t.rootKey] });
    });
    it('in the query string or body instead of a header', async () => {
      await rejected({}, `/api/v1/me?access_token=${t.rootKey}&api_key=${t.rootKey}`);
      const response = await t.http
        .post('/api/v1/keys')
        .send({ access_token: t.rootKey, name: 'x' });
      expectUnauthorized(response);
    });

    it('inactive, expired, deleted, or owned by a disabled user', async () => {
      const db = dataSourceOf(t);
      const inactive = await createKey({ name: 'inactive' });
      await db
        .getRepository(ApiKey)
        .update(inactive.id, { status: 'inactive' as ApiKey['status'] });
      await rejected(bearer(inactive.key));

      const expired = await createKey({ name: 'expired', expires_in_days: 1 });
      await db.getRepository(ApiKey).update(expired.id, { expiresAt: new Date(Date.now() - 1000) });
      await rejected(bearer(expired.key));

      const deleted = await createKey({ name: 'deleted' });
      await db.getRepository(ApiKey).delete(deleted.id);
      await rejected(bearer(deleted.key));

      const userId = (await createUser(t, { role: 'manager' })).id;
      const dorasKey = await createKey({ name: 'doras', owner_id: userId });
      await t.http.get('/api/v1/me').set(bearer(dorasKey.key)).expect(200);
      await updateUser(t, userId, { status: 'disabled' });
      await rejected(bearer(dorasKey.key));
    });
  });

  describe('IP allowlists', () => {
    it('refuses a request from outside a non-empty allowlist with 403 ip_not_allowed', async () => {
      const key = await createKey({
        name: 'office-only',
        allowed_ips: ['10.0.0.0/8', '2001:db8::/32'],
      });
      expectError(await t.http.get('/api/v1/me').set(bearer(key.key)), 403, 'ip_not_allowed');
    });

    it('lets a request from a listed address through', async () => {
      const key = await createKey({ name: 'loopback', allowed_ips: ['127.0.0.0/8', '::1'] });
      await t.http.get('/api/v1/me').set(bearer(key.key)).expect(200);
    });
  });

  describe('POST /api/v1/keys', () => {
    it('returns the token once and stores only its hash and masked form', async () => {
      const response = await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .send({ name: '  deploy  ', scopes: ['read:assets'], tier: 'premium', expires_in_days: 30 })
        .expect(201);
      const { data } = response.body;
      expect(data.key).toMatch(TOKEN);
      expect(data).toMatchObject({
        name: 'deploy',
        masked_key: `lk_****${data.key.slice(-4)}`,
        scopes: ['read:assets'],
        tier: 'premium',
        status: 'active',
        expired: false,
        allowed_ips: [],
        last_used: null,
      });
      expect(new Date(data.expires_at).getTime() - Date.now()).toBeGreaterThan(29.9 * 86400_000);

      const stored = await dataSourceOf(t)
        .getRepository(ApiKey)
        .createQueryBuilder('k')
        .addSelect('k.keyHash')
        .where('k.id = :id', { id: data.id })
        .getOneOrFail();
      expect(stored.keyHash).toBe(createHash('sha256').update(data.key).digest('hex'));
      expect(JSON.stringify(stored)).not.toContain(data.key.slice(3));

      const me = await t.http.get('/api/v1/me').set(bearer(data.key)).expect(200);
      expect(me.body.data.key).toMatchObject({
        id: data.id,
        tier: 'premium',
        scopes: ['read:assets'],
      });
      expect(me.body.data.grants).toEqual(['read:assets']);
    });

    it('gives a new key no permission by default, so it cannot manage keys', async () => {
      const key = await createKey({ name: 'plain' });
      expectError(
        await t.http.post('/api/v1/keys').set(bearer(key.key)).send({ name: 'child' }),
        403,
        'forbidden',
      );
    });

    it('refuses to grant what the caller does not hold (no escalation)', async () => {
      const writer = await createKey({ name: 'writer', scopes: ['api_keys.write', 'read:assets'] });
      for (const scopes of [['admin'], ['users.write'], ['write:assets']]) {
        const response = await t.http
          .post('/api/v1/keys')
          .set(bearer(writer.key))
          .send({ name: `esc-${scopes[0]}`, scopes });
        expectError(response, 403, 'forbidden');
      }
      await t.http
        .post('/api/v1/keys')
        .set(bearer(writer.key))
        .send({ name: 'ok-child', scopes: ['read:assets'] })
        .expect(201);
    });

    it('answers 409 conflict for a name the owner already uses', async () => {
      await createKey({ name: 'twin' });
      const response = await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .send({ name: 'twin' });
      expectError(response, 409, 'conflict');
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(129) }, 'name'],
      [{}, 'name'],
      [{ name: 'a', unknown_field: 1 }, 'unknown_field'],
      [{ name: 'a', scopes: 'read:assets' }, 'scopes'],
      [{ name: 'a', tier: 'gold' }, 'tier'],
      [{ name: 'a', expires_at: '2001-01-01T00:00:00Z' }, 'expires_at'],
      [{ name: 'a', expires_at: 'next tuesday' }, 'expires_at'],
      [{ name: 'a', expires_in_days: 0 }, 'expires_in_days'],
      [{ name: 'a', expires_in_days: 3651 }, 'expires_in_days'],
      [{ name: 'a', expires_in_days: 5, expires_at: '2099-01-01T00:00:00Z' }, 'expires_in_days'],
      [{ name: 'a', allowed_ips: ['10.0.0.0/33'] }, 'allowed_ips'],
      [{ name: 'a', allowed_ips: ['not-an-ip'] }, 'allowed_ips'],
      [{ name: 'a', scopes: ['read:everything'] }, 'scopes'],
      [{ name: 'a', owner_id: 'not-a-uuid' }, 'owner_id'],
    ])('rejects %j with 400 naming %s, and stores nothing', async (body, field) => {
      const before = await dataSourceOf(t).getRepository(ApiKey).count();
      const response = await t.http.post('/api/v1/keys').set(bearer(t.rootKey)).send(body);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect(await dataSourceOf(t).getRepository(ApiKey).count()).toBe(before);
    });

    it('rejects malformed JSON with the error envelope', async () => {
      const response = await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .set('content-type', 'application/json')
        .send('{"name": ');
      expectError(response, 400, 'validation_failed');
    });
  });
});

describe('the per-user key limit (MAX_KEYS_PER_USER)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_KEYS_PER_USER: '3' } });
  });
  afterAll(() => t.close());

  it('answers 409 key_limit_reached past the limit, counting the root key', async () => {
    await t.http.post('/api/v1/keys').set(bearer(t.rootKey)).send({ name: 'one' }).expect(201);
    await t.http.post('/api/v1/keys').set(bearer(t.rootKey)).send({ name: 'two' }).expect(201);
    expectError(
      await t.http.post('/api/v1/keys').set(bearer(t.rootKey)).send({ name: 'three' }),
      409,
      'key_limit_reached',
    );
  });
});

describe('the client address behind proxies (TRUST_PROXY)', () => {
  // The tests are the nearest proxy, at 127.0.0.1. A proxy appends the address
  // it saw to X-Forwarded-For; whatever comes before that, the client wrote.
  const fencedKey = async (t: TestApp, allowedIps: string[]) =>
    (
      await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .send({ name: 'fenced', allowed_ips: allowedIps })
    ).body.data.key as string;

  const meFrom = (t: TestApp, key: string, forwardedFor: string) =>
    t.http.get('/api/v1/me').set(bearer(key)).set('X-Forwarded-For', forwardedFor);

  it.each([
    ['1', 200],
    ['127.0.0.1', 200],
    ['false', 403],
    ['10.0.0.2', 403], // the request did not come from the trusted proxy
  ])(
    'with TRUST_PROXY=%s, a forwarded address from the allowlist gets %i',
    async (trustProxy, status) => {
      const t = await startTestApp({ env: { TRUST_PROXY: trustProxy } });
      try {
        const response = await meFrom(t, await fencedKey(t, ['203.0.113.0/24']), '203.0.113.9');
        expect(response.status).toBe(status);
        if (status === 403) expectError(response, 403, 'ip_not_allowed');
      } finally {
        await t.close();
      }
    },
  );

  // One proxy (127.0.0.1) or two (127.0.0.1 behind 10.0.0.2, which appended
  // the client's address): the client is the nearest address no trusted proxy wrote.
  const chains = [
    { trustProxy: '1', via: '' },
    { trustProxy: '127.0.0.1', via: '' },
    { trustProxy: '2', via: ', 10.0.0.2' },
    { trustProxy: '127.0.0.1, 10.0.0.0/8', via: ', 10.0.0.2' },
  ];

  it.each(chains)(
    'with TRUST_PROXY=$trustProxy, an address the client wrote itself is not its address',
    async ({ trustProxy, via }) => {
      const t = await startTestApp({ env: { TRUST_PROXY: trustProxy } });
      try {
        const key = await fencedKey(t, ['203.0.113.7']);
        expectError(await meFrom(t, key, `203.0.113.7, 198.51.100.9${via}`), 403, 'ip_not_allowed');
        expect((await meFrom(t, key, `198.51.100.9, 203.0.113.7${via}`)).status).toBe(200);
      } finally {
        await t.close();
      }
    },
  );

  it.each(chains)(
    'with TRUST_PROXY=$trustProxy, a client cannot renew its anonymous budget by writing X-Forwarded-For',
    async ({ trustProxy, via }) => {
      const t = await startTestApp({ env: { TRUST_PROXY: trustProxy, RATE_LIMIT_ANONYMOUS: '3' } });
      try {
        const guess = (written: string, client = '198.51.100.9') =>
          t.http
            .get('/api/v1/me')
            .set('X-Api-Key', `lk_${'0'.repeat(64)}`)
            .set('X-Forwarded-For', `${written}, ${client}${via}`);
        for (let i = 1; i <= 3; i++) expectError(await guess(`192.0.2.${i}`), 401, 'unauthorized');
        expectRateLimited(await guess('192.0.2.4'), 3);
        // Another client behind the same proxies has its own budget.
        expectError(await guess('192.0.2.5', '198.51.100.10'), 401, 'unauthorized');
      } finally {
        await t.close();
      }
    },
  );

  // A proxy in front may report an IPv4 client in IPv6's mapped form, and an
  // operator may write either form in the allowlist: they must match each other.
  it.each([
    [['127.0.0.0/8'], '::ffff:127.0.0.9', 200],
    [['::ffff:203.0.113.0/120'], '203.0.113.5', 200],
    [['127.0.0.0/8'], '::ffff:10.0.0.1', 403],
  ])('with allowlist %j, a client at %s gets %i', async (allowedIps, clientIp, status) => {
    const t = await startTestApp({ env: { TRUST_PROXY: '1' } });
    try {
      const response = await meFrom(t, await fencedKey(t, allowedIps), clientIp);
      expect(response.status).toBe(status);
      if (status === 403) expectError(response, 403, 'ip_not_allowed');
    } finally {
      await t.close();
    }
  });
});
