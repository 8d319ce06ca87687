import type { Schemas } from '../openapi';
import { createKey } from './factories/key.factory';
import { changeKeyInDatabase } from './support/database';
import { expectError } from './support/error-envelope';
import { expireInDatabase, latestEvent } from './support/keys';
import { bearer, startTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;

/** A key's token replaced: by regenerating, or switched off by a leak report until then. */
describe('key lifecycle: rotation (SPEC sections 1 and 6)', () => {
  let t: TestApp;
  const as = (key: string) => bearer(key);

  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_KEYS_PER_USER: '1000' } });
  });
  afterAll(() => t.close());

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
      await expireInDatabase(t, created.id);
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
          .data as Schemas['ApiKeyResponseDto'];
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
      expect(await latestEvent(t, 'key.regenerated')).toMatchObject({
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
