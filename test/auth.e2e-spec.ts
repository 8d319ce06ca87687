import { ApiKey } from '../src/keys/api-key.entity';
import { createKey } from './factories/key.factory';
import { createUser, updateUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Which requests get in: public routes, keys accepted and refused, IP
 * allowlists. Creating keys and the client address behind proxies have
 * files of their own.
 */
describe('authentication (SPEC section 2)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

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
      const other = (await createKey(t, { name: 'other' })).key;
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
      const inactive = await createKey(t, { name: 'inactive' });
      await db
        .getRepository(ApiKey)
        .update(inactive.id, { status: 'inactive' as ApiKey['status'] });
      await rejected(bearer(inactive.key));

      const expired = await createKey(t, { name: 'expired', expires_in_days: 1 });
      await db.getRepository(ApiKey).update(expired.id, { expiresAt: new Date(Date.now() - 1000) });
      await rejected(bearer(expired.key));

      const deleted = await createKey(t, { name: 'deleted' });
      await db.getRepository(ApiKey).delete(deleted.id);
      await rejected(bearer(deleted.key));

      const userId = (await createUser(t, { role: 'manager' })).id;
      const dorasKey = await createKey(t, { name: 'doras', owner_id: userId });
      await t.http.get('/api/v1/me').set(bearer(dorasKey.key)).expect(200);
      await updateUser(t, userId, { status: 'disabled' });
      await rejected(bearer(dorasKey.key));
    });
  });

  describe('IP allowlists', () => {
    it('refuses a request from outside a non-empty allowlist with 403 ip_not_allowed', async () => {
      const key = await createKey(t, {
        name: 'office-only',
        allowed_ips: ['10.0.0.0/8', '2001:db8::/32'],
      });
      expectError(await t.http.get('/api/v1/me').set(bearer(key.key)), 403, 'ip_not_allowed');
    });

    it('lets a request from a listed address through', async () => {
      const key = await createKey(t, { name: 'loopback', allowed_ips: ['127.0.0.0/8', '::1'] });
      await t.http.get('/api/v1/me').set(bearer(key.key)).expect(200);
    });
  });
});
