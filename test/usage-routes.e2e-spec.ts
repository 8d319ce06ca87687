import { randomUUID } from 'node:crypto';
import { HOUR_MS } from '../src/usage/usage-range';
import { UsageRecorder } from '../src/usage/usage.recorder';
import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { totals, type UsageTotals } from './support/usage';

describe('key usage (SPEC section 10)', () => {
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
      const totalsOf = (key: typeof busy, counts: Partial<UsageTotals>, total: number) => ({
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
});
