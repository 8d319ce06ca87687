import { ApiKey } from '../src/keys/api-key.entity';
import { KeyStatus } from '../src/domain/key-tier';
import { createKey, CreatedKey, createVerifierKey, KeyInput } from './factories/key.factory';
import { createUser, updateUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

const UNKNOWN_TOKEN = `lk_${'0'.repeat(64)}`;

describe('POST /api/v1/keys/verify', () => {
  let t: TestApp;
  let verifierKey: string;
  let client: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    verifierKey = await createVerifierKey(t);
    client = await createUser(t, { role: 'client' });
  });
  afterAll(() => t.close());

  const verify = async (body: object) => {
    const response = await t.http.post('/api/v1/keys/verify').set(bearer(verifierKey)).send(body);
    expect(response.status).toBe(200);
    return response.body.data as Record<string, unknown>;
  };
  const clientKey = (overrides: Partial<KeyInput> = {}) =>
    createKey(t, { owner_id: client.id, scopes: ['read:assets'], ...overrides });
  const verdictFor = (key: CreatedKey, grants = ['read:assets']) => ({
    key_id: key.id,
    owner_id: client.id,
    scopes: grants,
    tier: 'standard',
    expires_at: null,
    ratelimit: { limit: 100, remaining: expect.any(Number), reset: expect.any(Number) },
  });
  const keys = () => dataSourceOf(t).getRepository(ApiKey);

  it('VALID: the key, its owner, its effective grants, tier and expiry', async () => {
    const key = await clientKey({ tier: 'premium', expires_in_days: 30 });
    const verdict = await verify({ key: key.key, scopes: ['read:assets'], ip: '203.0.113.7' });
    expect(verdict).toEqual({
      valid: true,
      code: 'VALID',
      ...verdictFor(key),
      tier: 'premium',
      ratelimit: { limit: 1000, remaining: 999, reset: expect.any(Number) },
      expires_at: expect.stringMatching(/^\d{4}-.+Z$/),
    });
    expect(await verify({ key: key.key })).toMatchObject({ valid: true, code: 'VALID' });
  });

  it.each([
    ['unknown', UNKNOWN_TOKEN],
    ['malformed', 'hello'],
  ])('NOT_FOUND for an %s token, with nothing about any key', async (_, token) => {
    expect(await verify({ key: token })).toEqual({ valid: false, code: 'NOT_FOUND' });
  });

  it('INACTIVE and EXPIRED keys', async () => {
    const inactive = await clientKey();
    await keys().update(inactive.id, { status: KeyStatus.Inactive });
    expect(await verify({ key: inactive.key })).toEqual({ valid: false, code: 'INACTIVE' });

    const expired = await clientKey({ expires_in_days: 1 });
    await keys().update(expired.id, { expiresAt: new Date(Date.now() - 1000) });
    expect(await verify({ key: expired.key })).toEqual({ valid: false, code: 'EXPIRED' });
  });

  it('OWNER_DISABLED once the owner is disabled, VALID again when enabled', async () => {
    const owner = await createUser(t, { role: 'client' });
    const key = await createKey(t, { owner_id: owner.id });
    await updateUser(t, owner.id, { status: 'disabled' });
    expect(await verify({ key: key.key })).toEqual({ valid: false, code: 'OWNER_DISABLED' });
    await updateUser(t, owner.id, { status: 'active' });
    expect(await verify({ key: key.key })).toMatchObject({ code: 'VALID' });
  });

  it('IP_NOT_ALLOWED outside the allowlist, and when ip is left out', async () => {
    const key = await clientKey({ allowed_ips: ['10.0.0.0/8', '2001:db8::/32'] });
    expect(await verify({ key: key.key, ip: '10.1.2.3' })).toMatchObject({ code: 'VALID' });
    expect(await verify({ key: key.key, ip: '2001:db8::7' })).toMatchObject({ code: 'VALID' });
    for (const body of [{ key: key.key, ip: '192.0.2.1' }, { key: key.key }]) {
      expect(await verify(body)).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    }
  });

  it('INSUFFICIENT_SCOPE when the key, or its owner role now, lacks a requested grant', async () => {
    const key = await clientKey();
    expect(await verify({ key: key.key, scopes: ['read:assets', 'write:assets'] })).toEqual({
      valid: false,
      code: 'INSUFFICIENT_SCOPE',
      ...verdictFor(key),
    });

    const owner = await createUser(t, { role: 'manager' });
    const wide = await createKey(t, { owner_id: owner.id, scopes: ['admin'] });
    const asks = { key: wide.key, scopes: ['write:assets', 'api_keys.write'] };
    expect(await verify(asks)).toMatchObject({ valid: true, code: 'VALID' });
    await updateUser(t, owner.id, { role: 'viewer' });
    expect(await verify(asks)).toMatchObject({ valid: false, code: 'INSUFFICIENT_SCOPE' });
  });

  it('RATE_LIMITED once the verified key has spent its budget; each verification counts', async () => {
    const key = await clientKey();
    const answers = [];
    for (let i = 0; i < 100; i++) answers.push(await verify({ key: key.key }));
    expect(answers[0].ratelimit).toEqual({ limit: 100, remaining: 99, reset: expect.any(Number) });
    expect(answers[99]).toMatchObject({ valid: true, ratelimit: { remaining: 0 } });
    expect(await verify({ key: key.key })).toMatchObject({
      valid: false,
      code: 'RATE_LIMITED',
      key_id: key.id,
      ratelimit: { limit: 100, remaining: 0 },
    });
    // The same budget as the key's own requests to guarded routes.
    expectError(await t.http.get('/api/v1/me').set(bearer(key.key)), 429, 'rate_limited');
  });

  it('agrees with the guard of a Latchkey route for every code', async () => {
    const valid = await clientKey();
    const inactive = await clientKey();
    await keys().update(inactive.id, { status: KeyStatus.Inactive });
    const expired = await clientKey({ expires_in_days: 1 });
    await keys().update(expired.id, { expiresAt: new Date(Date.now() - 1000) });
    const disabledOwner = await createUser(t, { role: 'client' });
    const orphaned = await createKey(t, { owner_id: disabledOwner.id });
    await updateUser(t, disabledOwner.id, { status: 'disabled' });
    const fenced = await clientKey({ allowed_ips: ['10.0.0.0/8'] });
    const cases: [string, string, number][] = [
      [valid.key, 'VALID', 200],
      [UNKNOWN_TOKEN, 'NOT_FOUND', 401],
      [inactive.key, 'INACTIVE', 401],
      [expired.key, 'EXPIRED', 401],
      [orphaned.key, 'OWNER_DISABLED', 401],
      [fenced.key, 'IP_NOT_ALLOWED', 403],
    ];
    for (const [token, code, guardStatus] of cases) {
      // supertest connects from the loopback address.
      expect(await verify({ key: token, ip: '127.0.0.1' })).toMatchObject({ code });
      expect((await t.http.get('/api/v1/me').set(bearer(token))).status).toBe(guardStatus);
    }
  });

  it.each([
    [{}, 'key'],
    [{ key: '' }, 'key'],
    [{ key: UNKNOWN_TOKEN, scopes: 'read:assets' }, 'scopes'],
    [{ key: UNKNOWN_TOKEN, scopes: ['read:everything'] }, 'scopes'],
    [{ key: UNKNOWN_TOKEN, ip: '10.0.0.0/8' }, 'ip'],
    [{ key: UNKNOWN_TOKEN, ip: 'localhost' }, 'ip'],
    [{ key: UNKNOWN_TOKEN, tier: 'premium' }, 'tier'],
  ])('rejects %j with 400 naming %s', async (body, field) => {
    const response = await t.http.post('/api/v1/keys/verify').set(bearer(verifierKey)).send(body);
    expectError(response, 400, 'validation_failed');
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });

  it('answers 403 forbidden to a key without api_keys.verify', async () => {
    const key = await clientKey();
    const response = await t.http
      .post('/api/v1/keys/verify')
      .set(bearer(key.key))
      .send({ key: key.key });
    expectError(response, 403, 'forbidden');
  });

  // What @latchkey/guard sends for the verifications it needs at the same time.
  describe('POST /api/v1/keys/verify/batch: several checks, each answered as alone', () => {
    const BATCH = '/api/v1/keys/verify/batch';
    const verifyAll = async (checks: object[]) => {
      const response = await t.http.post(BATCH).set(bearer(verifierKey)).send({ checks });
      expect(response.status).toBe(200);
      return response.body.data as Record<string, unknown>[];
    };
    /** A verdict without its budget, which each verification spends. */
    const withoutBudget = ({ ratelimit: _, ...verdict }: Record<string, unknown>) => verdict;

    it('answers every check as POST /keys/verify does, in the order asked', async () => {
      const valid = await clientKey();
      const inactive = await clientKey();
      await keys().update(inactive.id, { status: KeyStatus.Inactive });
      const fenced = await clientKey({ allowed_ips: ['10.0.0.0/8'] });
      const checks = [
        { key: valid.key, scopes: ['read:assets'] },
        { key: UNKNOWN_TOKEN },
        { key: 'hello' },
        { key: inactive.key },
        { key: fenced.key, ip: '203.0.113.7' },
        { key: valid.key, scopes: ['write:assets'] },
      ];
      const verdicts = await verifyAll(checks);
      expect(verdicts.map((v) => v.code)).toEqual([
        'VALID',
        'NOT_FOUND',
        'NOT_FOUND',
        'INACTIVE',
        'IP_NOT_ALLOWED',
        'INSUFFICIENT_SCOPE',
      ]);
      for (const [i, check] of checks.entries()) {
        expect(withoutBudget(verdicts[i])).toEqual(withoutBudget(await verify(check)));
      }
    });

    it("counts each check against its own key's budget, in order, and the request once against the caller's", async () => {
      const spent = await clientKey();
      const other = await clientKey();
      const full = await t.http
        .post(BATCH)
        .set(bearer(verifierKey))
        .send({ checks: Array.from({ length: 100 }, () => ({ key: spent.key })) })
        .expect(200);
      const remaining = (full.body.data as { ratelimit: { remaining: number } }[]).map(
        (v) => v.ratelimit.remaining,
      );
      expect(remaining).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));

      const next = await t.http
        .post(BATCH)
        .set(bearer(verifierKey))
        .send({ checks: [{ key: spent.key }, { key: other.key }] })
        .expect(200);
      expect(next.body.data).toMatchObject([
        { valid: false, code: 'RATE_LIMITED', key_id: spent.id, ratelimit: { remaining: 0 } },
        { valid: true, code: 'VALID', key_id: other.id, ratelimit: { remaining: 99 } },
      ]);
      // One request of the caller's each, however many checks it held.
      const callerLeft = (response: { headers: Record<string, string> }) =>
        Number(response.headers['x-ratelimit-remaining']);
      expect(callerLeft(next)).toBe(callerLeft(full) - 1);
    });

    it.each([
      [{}, 'checks'],
      [{ checks: [] }, 'checks'],
      [{ checks: Array.from({ length: 101 }, () => ({ key: UNKNOWN_TOKEN })) }, 'checks'],
      [{ checks: { key: UNKNOWN_TOKEN } }, 'checks'],
      [{ checks: [{ key: UNKNOWN_TOKEN }, {}] }, 'checks[1].key'],
      [{ checks: [{ key: UNKNOWN_TOKEN, tier: 'premium' }] }, 'checks[0].tier'],
      [{ checks: [{ key: UNKNOWN_TOKEN, ip: 'localhost' }] }, 'checks[0].ip'],
      [{ checks: [{ key: UNKNOWN_TOKEN, scopes: ['read:everything'] }] }, 'checks[0].scopes'],
      [{ checks: [{ key: UNKNOWN_TOKEN }], key: UNKNOWN_TOKEN }, 'key'],
    ])('rejects %j with 400 naming %s', async (body, field) => {
      const response = await t.http.post(BATCH).set(bearer(verifierKey)).send(body);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    });

    it('spends no budget when any check is refused', async () => {
      const key = await clientKey();
      const response = await t.http
        .post(BATCH)
        .set(bearer(verifierKey))
        .send({ checks: [{ key: key.key }, { key: key.key, scopes: ['read:everything'] }] });
      expectError(response, 400, 'validation_failed');
      expect(await verify({ key: key.key })).toMatchObject({ ratelimit: { remaining: 99 } });
    });

    it('answers 403 forbidden to a key without api_keys.verify', async () => {
      const key = await clientKey();
      const response = await t.http
        .post(BATCH)
        .set(bearer(key.key))
        .send({ checks: [{ key: key.key }] });
      expectError(response, 403, 'forbidden');
    });
  });
});
