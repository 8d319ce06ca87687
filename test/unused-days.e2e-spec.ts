import { ApiKey } from '../src/keys/api-key.entity';
import { HOUR_MS } from '../src/usage/usage-range';
import type { Answer } from '../openapi';
import { createKey } from './factories/key.factory';
import { expectError } from './support/error-envelope';
import { dataSourceOf } from './support/database';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('key usage (SPEC section 10)', () => {
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
      return (response.body as Answer<'/api/v1/keys', 'get'>).data.map((key) => key.id);
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
