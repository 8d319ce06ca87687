import { setTimeout as sleep } from 'node:timers/promises';
import type { RemoteGuardOptions } from '@latchkey/guard';
import { RemoteKeyVerifier } from '@latchkey/guard/remote-key-verifier';
import { expectError } from './support/error-envelope';
import { latchkeyForServices, type Service, STANDARD_LIMIT, WAY_NAMES } from './support/guard';
import { bearer } from './support/test-app';

const UNKNOWN_TOKEN = `lk_${'0'.repeat(64)}`;
const CACHE_TTL_MS = 1500;

/**
 * The example service's answers in remote mode. Revocations reaching it
 * through the change stream, the stream cut, and the other set-ups (async
 * options, in-process) have files of their own.
 */
describe('examples/inventory-service behind @latchkey/guard', () => {
  const services = latchkeyForServices();

  it('verifies the keys asked in one turn in one call, each verdict from Latchkey', async () => {
    const reader = await services.clientKey({ scopes: ['read:assets'] });
    const writer = await services.clientKey({ scopes: ['write:assets'] });
    const remote = new RemoteKeyVerifier({
      url: services.url,
      serviceKey: services.serviceKey,
      timeoutMs: 5000,
      connections: 2,
    });
    // The service key's own budget shows how many calls the verifications took.
    const serviceBudget = async () =>
      Number(
        (await services.t.http.get('/api/v1/me').set(bearer(services.serviceKey))).headers[
          'x-ratelimit-remaining'
        ],
      );
    const before = await serviceBudget();
    const keys = [reader.key, UNKNOWN_TOKEN, writer.key, 'hello', reader.key];
    const verdicts = await Promise.all(
      keys.map((key) => remote.verify({ key, scopes: ['read:assets'] })),
    );
    await remote.close();
    expect(await serviceBudget()).toBe(before - 2); // one call for the five, one GET /me
    expect(verdicts).toMatchObject([
      { valid: true, code: 'VALID', key_id: reader.id },
      { valid: false, code: 'NOT_FOUND' },
      { valid: false, code: 'INSUFFICIENT_SCOPE', key_id: writer.id },
      { valid: false, code: 'NOT_FOUND' },
      { valid: true, code: 'VALID', key_id: reader.id },
    ]);
    // Each verification spent the key's budget, in the order asked.
    expect(verdicts[4].ratelimit!.remaining).toBe(verdicts[0].ratelimit!.remaining - 1);
  });

  describe.each(WAY_NAMES)('remote mode, through the %s', (way) => {
    let cached: Service;
    let uncached: Service;
    const remote = (
      overrides: Partial<RemoteGuardOptions> = {},
      trustProxy: string | false = false,
    ) => services.remote(way, overrides, trustProxy);
    beforeAll(async () => {
      cached = await remote({ cacheTtlMs: CACHE_TTL_MS });
      uncached = await remote({ cacheTtlMs: 0 });
    });

    it('200 for a key with the route scope, with its budget in X-RateLimit-* headers', async () => {
      const reader = await services.clientKey({ scopes: ['read:assets'] });
      for (const header of [bearer(reader.key), { 'X-Api-Key': reader.key }]) {
        const response = await uncached.http.get('/items').set(header);
        expect(response.status).toBe(200);
        expect(response.body.data).toEqual(
          expect.arrayContaining([expect.objectContaining({ id: 1 })]),
        );
        expect(response.headers['x-ratelimit-limit']).toBe('1000');
        expect(Number(response.headers['x-ratelimit-remaining'])).toBeLessThan(1000);
        expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      }
    });

    it('403 insufficient_scope without the route scope; 201 with it, the owner known to the handler', async () => {
      const reader = await services.clientKey({ scopes: ['read:assets'] });
      const refused = await uncached.http
        .post('/items')
        .set(bearer(reader.key))
        .send({ name: 'desk' });
      expectError(refused, 403, 'insufficient_scope');
      expect(refused.body.error.message).toContain('write:assets');

      const writer = await services.clientKey({ scopes: ['write:assets'] });
      const created = await uncached.http
        .post('/items')
        .set(bearer(writer.key))
        .send({ name: 'desk' });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ name: 'desk', created_by: services.client.id });
      expectError(
        await uncached.http.get('/items').set(bearer(writer.key)),
        403,
        'insufficient_scope',
      );
    });

    it('401 with WWW-Authenticate for a missing, unknown or disabled key', async () => {
      const disabled = await services.clientKey({ scopes: ['read:assets'] });
      await services.t.http
        .patch(`/api/v1/keys/${disabled.id}`)
        .set(bearer(services.t.rootKey))
        .send({ status: 'inactive' });
      for (const headers of [{}, bearer(UNKNOWN_TOKEN), bearer('hello'), bearer(disabled.key)]) {
        const response = await uncached.http.get('/items').set(headers);
        expectError(response, 401, 'unauthorized');
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
    });

    it('401 for two different keys, whichever header carries which; one key sent twice is that key', async () => {
      const [first, second] = [
        await services.clientKey({ scopes: ['read:assets'] }),
        await services.clientKey({ scopes: ['read:assets'] }),
      ];
      for (const headers of [
        { Authorization: [`Bearer ${first.key}`, `Bearer ${second.key}`] },
        { ...bearer(first.key), 'X-Api-Key': second.key },
      ]) {
        expectError(await uncached.http.get('/items').set(headers), 401, 'unauthorized');
      }
      const twice = { ...bearer(first.key), 'X-Api-Key': first.key };
      expect((await uncached.http.get('/items').set(twice)).status).toBe(200);
    });

    it("403 ip_not_allowed from outside the key's allowlist: the client address goes with the verification", async () => {
      const fenced = await services.clientKey({
        scopes: ['read:assets'],
        allowed_ips: ['10.0.0.0/8'],
      });
      expectError(await uncached.http.get('/items').set(bearer(fenced.key)), 403, 'ip_not_allowed');
      const local = await services.clientKey({
        scopes: ['read:assets'],
        allowed_ips: ['127.0.0.1'],
      });
      expect((await uncached.http.get('/items').set(bearer(local.key))).status).toBe(200);
    });

    it("sends X-Forwarded-For's address only when the service trusts its proxy", async () => {
      const fenced = await services.clientKey({
        scopes: ['read:assets'],
        allowed_ips: ['203.0.113.0/24'],
      });
      const forwarded = { ...bearer(fenced.key), 'X-Forwarded-For': '203.0.113.9' };
      const behindProxy = await remote({ cacheTtlMs: 0 }, '127.0.0.1');
      expect((await behindProxy.http.get('/items').set(forwarded)).status).toBe(200);
      expectError(await uncached.http.get('/items').set(forwarded), 403, 'ip_not_allowed');

      // A forwarded value that is no address: keys with an allowlist fail closed, others work.
      const open = await services.clientKey({ scopes: ['read:assets'] });
      const garbage = { 'X-Forwarded-For': 'not-an-address' };
      const fencedAnswer = await behindProxy.http
        .get('/items')
        .set({ ...bearer(fenced.key), ...garbage });
      expectError(fencedAnswer, 403, 'ip_not_allowed');
      const openAnswer = await behindProxy.http
        .get('/items')
        .set({ ...bearer(open.key), ...garbage });
      expect(openAnswer.status).toBe(200);
    });

    it('429 rate_limited with Retry-After once the key has spent its tier budget', async () => {
      const key = await services.clientKey({ scopes: ['read:assets'], tier: 'standard' });
      for (let i = 0; i < STANDARD_LIMIT; i++) {
        expect((await uncached.http.get('/items').set(bearer(key.key))).status).toBe(200);
      }
      const refused = await uncached.http.get('/items').set(bearer(key.key));
      expectError(refused, 429, 'rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');
      // A refusal reused from the cache counts its window down, so Retry-After stays true.
      const first = await cached.http.get('/items').set(bearer(key.key));
      expectError(first, 429, 'rate_limited');
      await sleep(1100);
      const reused = await cached.http.get('/items').set(bearer(key.key));
      expectError(reused, 429, 'rate_limited');
      expect(Number(reused.headers['retry-after'])).toBeLessThan(
        Number(first.headers['retry-after']),
      );
      // One budget: Latchkey's own routes refuse the key too.
      expectError(
        await services.t.http.get('/api/v1/me').set(bearer(key.key)),
        429,
        'rate_limited',
      );
    });

    it('a revoked key is refused at once without a cache, and once the cache time has passed with one', async () => {
      const key = await services.clientKey({ scopes: ['read:assets'] });
      const first = await cached.http.get('/items').set(bearer(key.key));
      expect(first.status).toBe(200);
      const revoked = await services.t.http
        .delete(`/api/v1/keys/${key.id}`)
        .set(bearer(services.t.rootKey));
      expect(revoked.status).toBe(200);

      expectError(await uncached.http.get('/items').set(bearer(key.key)), 401, 'unauthorized');
      await sleep(CACHE_TTL_MS + 100);
      expectError(await cached.http.get('/items').set(bearer(key.key)), 401, 'unauthorized');
    });

    it('never reads a key from the query string or the body', async () => {
      const writer = await services.clientKey({ scopes: ['read:assets', 'write:assets'] });
      const inQuery = await uncached.http.get(`/items?access_token=${writer.key}`);
      expectError(inQuery, 401, 'unauthorized');
      const inBody = await uncached.http
        .post('/items')
        .send({ name: 'x', access_token: writer.key });
      expectError(inBody, 401, 'unauthorized');
      expect(inBody.headers['www-authenticate']).toBe('Bearer');
    });

    it('public routes need no key', async () => {
      const response = await uncached.http.get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it("503 service_unavailable, never a pass, when Latchkey is unreachable or refuses the service's key", async () => {
      const reader = await services.clientKey({ scopes: ['read:assets'] });
      const closedPort = await remote({ url: 'http://127.0.0.1:9', cacheTtlMs: 0 });
      const wrongServiceKey = await remote({ serviceKey: UNKNOWN_TOKEN, cacheTtlMs: 0 });
      const notAVerifier = await remote({ serviceKey: reader.key, cacheTtlMs: 0 });
      for (const service of [closedPort, wrongServiceKey, notAVerifier]) {
        const response = await service.http.get('/items').set(bearer(reader.key));
        expectError(response, 503, 'service_unavailable');
        expect(response.headers['retry-after']).toBeDefined();
      }
    });

    it("answers the service's own errors in Latchkey's envelope", async () => {
      const writer = await services.clientKey({ scopes: ['write:assets'] });
      const response = await uncached.http.post('/items').set(bearer(writer.key)).send({});
      expectError(response, 400, 'validation_failed');
      expectError(
        await uncached.http.get('/nothing-here').set(bearer(writer.key)),
        404,
        'not_found',
      );
    });
  });
});
