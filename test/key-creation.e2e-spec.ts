import { createHash } from 'node:crypto';
import { ApiKey } from '../src/keys/api-key.entity';
import { createKey } from './factories/key.factory';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

const TOKEN = /^lk_[0-9a-f]{64}$/;

/** Creating a key (SPEC section 2): the token shown once, what may be granted, what is refused. */
describe('authentication (SPEC section 2)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

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
      const key = await createKey(t, { name: 'plain' });
      expectError(
        await t.http.post('/api/v1/keys').set(bearer(key.key)).send({ name: 'child' }),
        403,
        'forbidden',
      );
    });

    it('refuses to grant what the caller does not hold (no escalation)', async () => {
      const writer = await createKey(t, {
        name: 'writer',
        scopes: ['api_keys.write', 'read:assets'],
      });
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
      await createKey(t, { name: 'twin' });
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
