import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKey } from '../src/keys/api-key.entity';
import { KeyUsage } from '../src/usage/key-usage.entity';
import { HOUR_MS } from '../src/usage/usage-range';
import { UsageRecorder } from '../src/usage/usage.recorder';
import { UsageRetentionService } from '../src/usage/usage-retention.service';
import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { expectError } from './support/error-envelope';
import { dataSourceOf } from './support/database';
import { startService, whenServiceReady } from './support/service-process';
import { freePort } from './support/tcp-proxy';
import { bearer, startTestApp, TestApp } from './support/test-app';

type Totals = Record<'ok' | 'unauthorized' | 'forbidden' | 'rate_limited', number>;

/** A key's stored counts, summed over its hours (a test may straddle two). */
async function storedTotals(t: TestApp, keyId: string): Promise<Totals> {
  const rows = await dataSourceOf(t).getRepository(KeyUsage).findBy({ keyId });
  const totals: Totals = { ok: 0, unauthorized: 0, forbidden: 0, rate_limited: 0 };
  for (const row of rows) {
    totals.ok += row.ok;
    totals.unauthorized += row.unauthorized;
    totals.forbidden += row.forbidden;
    totals.rate_limited += row.rateLimited;
  }
  return totals;
}

const totals = (counts: Partial<Totals>): Totals => ({
  ok: 0,
  unauthorized: 0,
  forbidden: 0,
  rate_limited: 0,
  ...counts,
});

/** A premium key's budget: small, so that a test can spend it. */
const ENV = { RATE_LIMIT_PREMIUM: '3' };

describe('key usage (SPEC section 10)', () => {
  describe('counted by outcome across two instances, kept across a restart', () => {
    let a: TestApp;
    let b: TestApp;
    let restarted: TestApp | undefined;

    beforeAll(async () => {
      a = await startTestApp({ env: ENV });
      b = await startTestApp({ env: ENV, dataDir: a.dataDir, keepDatabase: true });
    });

    afterAll(async () => {
      await a.close();
      await b.close();
      await restarted?.close();
    });

    it('adds up every instance’s counts, written when each closes', async () => {
      const busy = await createKey(a, { tier: 'premium', scopes: [] });
      const inactive = await createKey(a);
      await a.http
        .patch(`/api/v1/keys/${inactive.id}`)
        .set(bearer(a.rootKey))
        .send({ status: 'inactive' })
        .expect(200);
      const outsider = await createKey(a, { allowed_ips: ['203.0.113.7'] });
      const verified = await createKey(a, { scopes: ['read:assets'] });
      const unused = await createKey(a);

      for (const t of [a, b]) {
        // The premium budget of 3 on each instance (memory counters): then a 429.
        await t.http.get('/api/v1/me').set(bearer(busy.key)).expect(200);
        await t.http.get('/api/v1/users').set(bearer(busy.key)).expect(403);
        await t.http.get('/api/v1/me').set(bearer(busy.key)).expect(200);
        await t.http.get('/api/v1/me').set(bearer(busy.key)).expect(429);
        await t.http.get('/api/v1/me').set(bearer(inactive.key)).expect(401);
        await t.http.get('/api/v1/me').set(bearer(outsider.key)).expect(403);
        // A token of no key is counted for none.
        await t.http
          .get('/api/v1/me')
          .set(bearer(`lk_${'0'.repeat(64)}`))
          .expect(401);
      }
      const verify = (t: TestApp, body: object) =>
        t.http.post('/api/v1/keys/verify').set(bearer(a.rootKey)).send(body).expect(200);
      await verify(a, { key: verified.key, scopes: ['read:assets'] });
      await verify(b, { key: verified.key, scopes: ['write:assets'] });
      await verify(b, { key: verified.key, scopes: [], ip: '10.0.0.1' });
      await verify(a, { key: inactive.key });
      await verify(b, { key: outsider.key, ip: '198.51.100.1' });

      await a.close();
      await b.close();
      restarted = await startTestApp({ env: ENV, dataDir: a.dataDir, keepDatabase: true });

      expect(await storedTotals(restarted, busy.id)).toEqual(
        totals({ ok: 4, forbidden: 2, rate_limited: 2 }),
      );
      expect(await storedTotals(restarted, inactive.id)).toEqual(totals({ unauthorized: 3 }));
      expect(await storedTotals(restarted, outsider.id)).toEqual(totals({ forbidden: 3 }));
      expect(await storedTotals(restarted, verified.id)).toEqual(totals({ ok: 2, forbidden: 1 }));
      expect(await storedTotals(restarted, unused.id)).toEqual(totals({}));
    });
  });

  it('writes what the service process counted when it gets SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-usage-'));
    const port = await freePort();
    const service = startService({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    let keyId: string;
    try {
      const rootKey = await whenServiceReady(service, dataDir);
      const me = () =>
        fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: bearer(rootKey) }).then(
          async (response) => {
            expect(response.status).toBe(200);
            return (await response.json()) as { data: { key: { id: string } } };
          },
        );
      keyId = (await me()).data.key.id;
      await me();
      await me();
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    } finally {
      service.child.kill('SIGKILL');
    }
    const restarted = await startTestApp({ dataDir, keepDatabase: true });
    try {
      expect(await storedTotals(restarted, keyId)).toEqual(totals({ ok: 3 }));
    } finally {
      await restarted.close();
    }
  }, 90_000);

  describe('written in batches', () => {
    let t: TestApp;
    let recorder: UsageRecorder;

    beforeAll(async () => {
      t = await startTestApp();
      recorder = t.app.get(UsageRecorder);
    });

    afterAll(() => t.close());

    it('keeps one row per key and hour, and adds to it at each flush', async () => {
      const key = await createKey(t);
      const hour = Date.UTC(2026, 10, 3, 14);
      recorder.record(key.id, 'ok', hour + 5);
      recorder.record(key.id, 'ok', hour + HOUR_MS - 1);
      recorder.record(key.id, 'forbidden', hour + HOUR_MS);
      await recorder.flush();
      recorder.record(key.id, 'ok', hour + 60_000);
      recorder.record(key.id, 'rate_limited', hour + 60_000);
      await recorder.flush();

      const rows = await dataSourceOf(t)
        .getRepository(KeyUsage)
        .find({ where: { keyId: key.id }, order: { hour: 'ASC' } });
      expect(rows).toEqual([
        {
          keyId: key.id,
          hour: new Date(hour),
          ok: 3,
          unauthorized: 0,
          forbidden: 0,
          rateLimited: 1,
        },
        {
          keyId: key.id,
          hour: new Date(hour + HOUR_MS),
          ok: 0,
          unauthorized: 0,
          forbidden: 1,
          rateLimited: 0,
        },
      ]);
    });

    it('does not lose the other keys’ counts for a key deleted before the flush', async () => {
      const key = await createKey(t);
      const deleted = await createKey(t);
      recorder.record(key.id, 'ok');
      recorder.record(deleted.id, 'ok');
      recorder.record(randomUUID(), 'ok');
      await t.http.delete(`/api/v1/keys/${deleted.id}`).set(bearer(t.rootKey)).expect(200);
      await recorder.flush();

      expect(await storedTotals(t, key.id)).toEqual(totals({ ok: 1 }));
      expect(await storedTotals(t, deleted.id)).toEqual(totals({}));
    });

    it('deletes a key’s usage with the key', async () => {
      const key = await createKey(t);
      recorder.record(key.id, 'ok');
      await recorder.flush();
      expect(await storedTotals(t, key.id)).toEqual(totals({ ok: 1 }));
      await t.http.delete(`/api/v1/keys/${key.id}`).set(bearer(t.rootKey)).expect(200);
      expect(await storedTotals(t, key.id)).toEqual(totals({}));
    });
  });

  describe('retention', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { USAGE_RETENTION_DAYS: '30' } });
    });

    afterAll(() => t.close());

    it('deletes the hours older than USAGE_RETENTION_DAYS, keeps the others', async () => {
      const key = await createKey(t);
      const now = new Date(Date.UTC(2026, 11, 1, 12));
      const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * HOUR_MS);
      const row = (hour: Date) => ({ keyId: key.id, hour, ok: 1 });
      await dataSourceOf(t)
        .getRepository(KeyUsage)
        .insert([row(daysAgo(31)), row(daysAgo(30.5)), row(daysAgo(29)), row(daysAgo(1))]);

      expect(await t.app.get(UsageRetentionService).prune(now)).toBe(2);

      const kept = await dataSourceOf(t)
        .getRepository(KeyUsage)
        .find({ where: { keyId: key.id }, order: { hour: 'ASC' } });
      expect(kept.map((usage) => usage.hour)).toEqual([daysAgo(29), daysAgo(1)]);
    });
  });

  describe('GET /keys/:id/usage and GET /usage', () => {
    let t: TestApp;
    let recorder: UsageRecorder;
    const day = Date.UTC(2026, 10, 3);
    const at = (hours: number) => day + hours * HOUR_MS;
    const zeros = { ok: 0, unauthorized: 0, forbidden: 0, rate_limited: 0 };
    let busy: { id: string; name: string; owner_id: string };
    let quiet: { id: string; name: string; owner_id: string };
    let viewer: { id: string; key: string };

    beforeAll(async () => {
      t = await startTestApp();
      recorder = t.app.get(UsageRecorder);
      const owner = await createUser(t, { role: 'viewer' });
      viewer = await createKey(t, { owner_id: owner.id, scopes: ['api_keys.read'] });
      busy = await createKey(t, { owner_id: owner.id });
      quiet = await createKey(t);
      recorder.record(busy.id, 'ok', at(0) + 1);
      recorder.record(busy.id, 'ok', at(1) - 1);
      recorder.record(busy.id, 'forbidden', at(1));
      recorder.record(busy.id, 'rate_limited', at(25));
      recorder.record(busy.id, 'unauthorized', at(24 * 40));
      recorder.record(quiet.id, 'forbidden', at(2));
      recorder.record(quiet.id, 'forbidden', at(3));
      recorder.record(quiet.id, 'unauthorized', at(3));
      await recorder.flush();
    });

    afterAll(() => t.close());

    const keyUsage = (id: string, query: Record<string, string>, key = t.rootKey) =>
      t.http.get(`/api/v1/keys/${id}/usage`).query(query).set(bearer(key));

    it('answers one point per hour of the range, zeros included', async () => {
      const response = await keyUsage(busy.id, {
        from: '2026-11-03T00:00:00Z',
        to: '2026-11-03T03:00:00Z',
      }).expect(200);
      expect(response.body).toEqual({
        data: {
          key_id: busy.id,
          granularity: 'hour',
          series: [
            { at: '2026-11-03T00:00:00.000Z', ...zeros, ok: 2 },
            { at: '2026-11-03T01:00:00.000Z', ...zeros, forbidden: 1 },
            { at: '2026-11-03T02:00:00.000Z', ...zeros },
          ],
        },
      });
    });

    it('adds the hours up per day, the range widened to whole days', async () => {
      const response = await keyUsage(busy.id, {
        from: '2026-11-03T05:00:00Z',
        to: '2026-11-04T01:00:00Z',
        granularity: 'day',
      }).expect(200);
      expect(response.body.data.series).toEqual([
        { at: '2026-11-03T00:00:00.000Z', ...zeros, ok: 2, forbidden: 1 },
        { at: '2026-11-04T00:00:00.000Z', ...zeros, rate_limited: 1 },
      ]);
    });

    it("shows a key to its owner's viewer key, another user's key to no one but admins", async () => {
      const range = { from: '2026-11-03T00:00:00Z', to: '2026-11-03T01:00:00Z' };
      const own = await keyUsage(busy.id, range, viewer.key).expect(200);
      expect(own.body.data.series).toEqual([{ at: '2026-11-03T00:00:00.000Z', ...zeros, ok: 2 }]);
      expectError(await keyUsage(quiet.id, range, viewer.key), 404, 'not_found');
      expectError(await keyUsage(randomUUID(), range), 404, 'not_found');
    });

    it('answers several keys at once, in the order asked, under the same visibility', async () => {
      const range = { from: '2026-11-03T02:00:00Z', to: '2026-11-03T04:00:00Z' };
      const keysUsage = (ids: string[], key = t.rootKey) =>
        t.http
          .get('/api/v1/keys/usage')
          .query({ ...range, ids: ids.join(',') })
          .set(bearer(key));
      const both = await keysUsage([quiet.id, busy.id]).expect(200);
      expect(both.body).toEqual({
        data: [
          {
            key_id: quiet.id,
            granularity: 'hour',
            series: [
              { at: '2026-11-03T02:00:00.000Z', ...zeros, forbidden: 1 },
              { at: '2026-11-03T03:00:00.000Z', ...zeros, forbidden: 1, unauthorized: 1 },
            ],
          },
          {
            key_id: busy.id,
            granularity: 'hour',
            series: [
              { at: '2026-11-03T02:00:00.000Z', ...zeros },
              { at: '2026-11-03T03:00:00.000Z', ...zeros },
            ],
          },
        ],
      });
      expectError(await keysUsage([busy.id, quiet.id], viewer.key), 404, 'not_found');
      for (const ids of ['', 'not-a-uuid', `${busy.id},`, Array(101).fill(busy.id).join(',')]) {
        const response = await t.http
          .get('/api/v1/keys/usage')
          .query({ ids })
          .set(bearer(t.rootKey));
        expectError(response, 400, 'validation_failed');
        expect(response.body.error.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'ids' })]),
        );
      }
    });

    it.each([
      [{ from: '2026-11-04T00:00:00Z', to: '2026-11-03T00:00:00Z' }, 'from'],
      [{ from: '2026-10-01T00:00:00Z', to: '2026-11-03T00:00:00Z' }, 'from'],
      [{ from: '2025-01-01T00:00:00Z', to: '2026-11-03T00:00:00Z', granularity: 'day' }, 'from'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-02-30T00:00:00Z' }, 'to'],
      [{ granularity: 'week' }, 'granularity'],
    ])('refuses %j with 400 validation_failed naming %s', async (query, field) => {
      const response = await keyUsage(busy.id, query);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    });

    it('lists every key’s totals over the range to admins, largest first', async () => {
      const response = await t.http
        .get('/api/v1/usage')
        .query({ from: '2026-11-03T00:00:00Z', to: '2026-11-05T00:00:00Z' })
        .set(bearer(t.rootKey))
        .expect(200);
      const totalsOf = (key: typeof busy, counts: Partial<Totals>, total: number) => ({
        key_id: key.id,
        name: key.name,
        owner_id: key.owner_id,
        ...totals(counts),
        total,
      });
      expect(response.body).toEqual({
        data: [
          totalsOf(busy, { ok: 2, forbidden: 1, rate_limited: 1 }, 4),
          totalsOf(quiet, { forbidden: 2, unauthorized: 1 }, 3),
        ],
        meta: { total: 2, page: 1, per_page: 20 },
      });

      const byForbidden = await t.http
        .get('/api/v1/usage')
        .query({
          from: '2026-11-03T00:00:00Z',
          to: '2026-11-05T00:00:00Z',
          sort: 'forbidden',
          order: 'asc',
          per_page: '1',
          page: '2',
        })
        .set(bearer(t.rootKey))
        .expect(200);
      expect(byForbidden.body.data.map((row: { key_id: string }) => row.key_id)).toEqual([
        quiet.id,
      ]);
      expect(byForbidden.body.meta).toEqual({ total: 2, page: 2, per_page: 1 });
    });

    it('refuses the totals to a non-admin, and bad input with 400', async () => {
      expectError(await t.http.get('/api/v1/usage').set(bearer(viewer.key)), 403, 'forbidden');
      const bad = await t.http.get('/api/v1/usage').query({ sort: 'name' }).set(bearer(t.rootKey));
      expectError(bad, 400, 'validation_failed');
      expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'sort' })]);
    });
  });

  describe('unused_days: the key list filter and the clean-up category', () => {
    let t: TestApp;
    let keys: Record<'fresh' | 'neverUsed' | 'usedLately' | 'usedLongAgo', string>;

    beforeAll(async () => {
      t = await startTestApp();
    });

    afterAll(() => t.close());

    /** Four keys of every kind, their creation and last use moved back by `days`. */
    beforeEach(async () => {
      const ago = (days: number) => new Date(Date.now() - days * 24 * HOUR_MS);
      const make = async (createdDaysAgo: number, usedDaysAgo: number | null) => {
        const { id } = await createKey(t);
        await dataSourceOf(t)
          .getRepository(ApiKey)
          .update(id, {
            createdAt: ago(createdDaysAgo),
            lastUsed: usedDaysAgo === null ? null : ago(usedDaysAgo),
          });
        return id;
      };
      keys = {
        fresh: await make(0, null),
        neverUsed: await make(40, null),
        usedLately: await make(40, 1),
        usedLongAgo: await make(100, 35),
      };
    });

    const listed = async (query: Record<string, string>) => {
      const response = await t.http
        .get('/api/v1/keys')
        .query({ per_page: '100', ...query })
        .set(bearer(t.rootKey))
        .expect(200);
      return (response.body.data as { id: string }[]).map((key) => key.id);
    };

    it('lists the keys with no successful use in the last N days', async () => {
      const unused = await listed({ unused_days: '30' });
      expect(unused).toEqual(expect.arrayContaining([keys.neverUsed, keys.usedLongAgo]));
      expect(unused).not.toContain(keys.fresh);
      expect(unused).not.toContain(keys.usedLately);
      const longer = await listed({ unused_days: '36' });
      expect(longer).toContain(keys.neverUsed);
      expect(longer).not.toContain(keys.usedLongAgo);
    });

    it('counts them for a clean-up only when asked, then deletes them', async () => {
      const counts = (query: Record<string, string>) =>
        t.http.get('/api/v1/keys/cleanup').query(query).set(bearer(t.rootKey)).expect(200);
      expect((await counts({})).body.data).not.toHaveProperty('unused');
      const before = (await counts({ unused_days: '30' })).body.data.unused as number;
      expect(before).toBeGreaterThanOrEqual(2);

      const deleted = await t.http
        .post('/api/v1/keys/cleanup')
        .set(bearer(t.rootKey))
        .send({ unused_days: 30 })
        .expect(200);
      expect(deleted.body).toEqual({ data: { deleted: before } });

      const remaining = await listed({});
      expect(remaining).toEqual(expect.arrayContaining([keys.fresh, keys.usedLately]));
      expect(remaining).not.toContain(keys.neverUsed);
      expect(remaining).not.toContain(keys.usedLongAgo);
      expect((await counts({ unused_days: '30' })).body.data.unused).toBe(0);
    });

    it.each([
      ['GET /keys', () => t.http.get('/api/v1/keys').query({ unused_days: '0' })],
      ['GET /keys', () => t.http.get('/api/v1/keys').query({ unused_days: 'old' })],
      ['GET /keys/cleanup', () => t.http.get('/api/v1/keys/cleanup').query({ unused_days: '1.5' })],
      ['POST /keys/cleanup', () => t.http.post('/api/v1/keys/cleanup').send({ unused_days: 4000 })],
    ])('refuses a bad unused_days on %s with 400 naming it', async (_route, request) => {
      const response = await request().set(bearer(t.rootKey));
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual([
        expect.objectContaining({ field: 'unused_days' }),
      ]);
    });

    it('refuses unused_days beside expired_and_inactive, deleting nothing', async () => {
      const response = await t.http
        .post('/api/v1/keys/cleanup')
        .set(bearer(t.rootKey))
        .send({ expired_and_inactive: true, unused_days: 30 });
      expectError(response, 400, 'validation_failed');
      expect(await listed({})).toEqual(expect.arrayContaining(Object.values(keys)));
    });
  });
});
