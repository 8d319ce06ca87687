import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyUsage } from '../src/usage/key-usage.entity';
import { HOUR_MS } from '../src/usage/usage-range';
import { UsageRecorder } from '../src/usage/usage.recorder';
import { UsageRetentionService } from '../src/usage/usage-retention.service';
import type { Answer } from '../openapi';
import { createKey } from './factories/key.factory';
import { dataSourceOf } from './support/database';
import { startService, whenServiceReady } from './support/service-process';
import { freePort } from './support/tcp-proxy';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { storedTotals, totals } from './support/usage';

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
            return (await response.json()) as Answer<'/api/v1/me', 'get'>;
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
});
