import { ApiKey } from '../src/keys/api-key.entity';
import { KeyStatus, KeyTier } from '../src/domain/key-tier';
import type { Schemas } from '../openapi';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { expectBudget, expectRateLimited, expectUncounted } from './support/rate-limit';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** Small limits so that a test can spend a budget; the root key is enterprise. */
const LIMITS = {
  RATE_LIMIT_STANDARD: '2',
  RATE_LIMIT_PREMIUM: '3',
  RATE_LIMIT_ENTERPRISE: '20',
  RATE_LIMIT_ANONYMOUS: '3',
};

describe('rate limits, in memory (SPEC section 5)', () => {
  let t: TestApp;

  // A fresh app (and so fresh counters) for each test: budgets are per window.
  beforeEach(async () => {
    t = await startTestApp({ env: LIMITS });
  });
  afterEach(() => t.close());

  let created = 0;
  const createKey = async (tier: KeyTier) => {
    created++;
    const response = await t.http
      .post('/api/v1/keys')
      .set(bearer(t.rootKey))
      .send({ name: `${tier}-key-${created}`, tier, scopes: [] });
    expect(response.status).toBe(201);
    return response.body.data as Schemas['CreatedApiKeyResponseDto'];
  };

  const me = (key: string) => t.http.get('/api/v1/me').set(bearer(key));

  it.each([
    [KeyTier.Standard, 2],
    [KeyTier.Premium, 3],
  ])('gives a %s key %d requests per window, then 429 rate_limited', async (tier, limit) => {
    const { key } = await createKey(tier);
    for (let used = 1; used <= limit; used++) {
      const response = await me(key);
      expect(response.status).toBe(200);
      expectBudget(response, limit, limit - used);
    }
    expectRateLimited(await me(key), limit);
  });

  it('gives an enterprise key its own limit, counted on every route', async () => {
    const { key } = await createKey(KeyTier.Enterprise);
    const first = await me(key);
    expectBudget(first, 20, 19);
    // Another route, and a 403 from it, spend the same budget.
    const forbidden = await t.http
      .post('/api/v1/keys')
      .set(bearer(key))
      .send({ name: 'not-allowed', scopes: [] });
    expectError(forbidden, 403, 'forbidden');
    expectBudget(forbidden, 20, 18);
  });

  it('counts each key on its own', async () => {
    const spent = await createKey(KeyTier.Standard);
    for (let i = 0; i < 2; i++) await me(spent.key).expect(200);
    expectRateLimited(await me(spent.key), 2);

    const other = await createKey(KeyTier.Standard);
    expectBudget(await me(other.key).expect(200), 2, 1);
  });

  it('applies a tier change at the next request', async () => {
    const { id, key } = await createKey(KeyTier.Standard);
    for (let i = 0; i < 2; i++) await me(key).expect(200);
    expectRateLimited(await me(key), 2);

    const changeTier = (tier: KeyTier) =>
      t.http.patch(`/api/v1/keys/${id}`).set(bearer(t.rootKey)).send({ tier }).expect(200);
    await changeTier(KeyTier.Premium);
    // Three requests counted so far, the third refused: a premium key has room for none.
    expectRateLimited(await me(key), 3);

    await changeTier(KeyTier.Enterprise);
    expectBudget(await me(key).expect(200), 20, 15);
  });

  describe('requests without a valid key', () => {
    const invalidKeys = [
      { name: 'missing', headers: {} },
      { name: 'malformed', headers: bearer('not-a-key') },
      { name: 'unknown', headers: { 'X-Api-Key': `lk_${'0'.repeat(64)}` } },
    ];

    it('spend the client address budget, then get 429 instead of 401', async () => {
      for (const [index, { headers }] of invalidKeys.entries()) {
        const response = await t.http.get('/api/v1/me').set(headers);
        expectError(response, 401, 'unauthorized');
        expectBudget(response, 3, 2 - index);
      }
      for (const { headers } of invalidKeys) {
        expectRateLimited(await t.http.get('/api/v1/me').set(headers), 3);
      }
    });

    it('leave a valid key from the same address working', async () => {
      for (let i = 0; i < 3; i++) await t.http.get('/api/v1/me').expect(401);
      expectRateLimited(await t.http.get('/api/v1/me'), 3);
      const response = await me(t.rootKey);
      expect(response.status).toBe(200);
      expectBudget(response, 20, 19);
    });

    it('include disabled and expired keys', async () => {
      const keys = dataSourceOf(t).getRepository(ApiKey);
      const disabled = await createKey(KeyTier.Premium);
      await keys.update(disabled.id, { status: KeyStatus.Inactive });
      const expired = await createKey(KeyTier.Premium);
      await keys.update(expired.id, { expiresAt: new Date(Date.now() - 60_000) });

      for (const key of [disabled.key, expired.key, disabled.key]) {
        expectError(await me(key), 401, 'unauthorized');
      }
      expectRateLimited(await me(expired.key), 3);
    });

    it('include keys used from outside their allowlist (403 ip_not_allowed)', async () => {
      const response = await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .send({ name: 'fenced', tier: KeyTier.Premium, allowed_ips: ['203.0.113.0/24'] })
        .expect(201);
      const fenced = response.body.data.key as string;
      for (let used = 1; used <= 3; used++) {
        const refused = await me(fenced);
        expectError(refused, 403, 'ip_not_allowed');
        expectBudget(refused, 3, 3 - used);
      }
      expectRateLimited(await me(fenced), 3);
      expectRateLimited(await t.http.get('/api/v1/me'), 3);
    });
  });

  describe('public routes', () => {
    it('limit GET / per client address, sharing the anonymous budget', async () => {
      expectBudget(await t.http.get('/').expect(200), 3, 2);
      expectBudget(await t.http.get('/api/v1/me').expect(401), 3, 1);
      expectBudget(await t.http.get('/').expect(200), 3, 0);
      expectRateLimited(await t.http.get('/'), 3);
    });

    it('leave health and the docs unlimited, for load balancers and readers', async () => {
      for (let i = 0; i < 3; i++) await t.http.get('/api/v1/me').expect(401);
      expectRateLimited(await t.http.get('/api/v1/me'), 3);
      for (let i = 0; i < 5; i++) {
        expectUncounted(await t.http.get('/api/v1/health').expect(200));
        expectUncounted(await t.http.get('/docs-json').expect(200));
      }
    });
  });
});
