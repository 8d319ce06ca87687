import { createKey } from './factories/key.factory';
import { expectError } from './support/error-envelope';
import { changeKeyInDatabase } from './support/database';
import { expireInDatabase } from './support/keys';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** Deleting expired and inactive keys in bulk (POST /keys/cleanup). */
describe('clean-up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const counts = async (): Promise<unknown> =>
    (await t.http.get('/api/v1/keys/cleanup').set(bearer(t.rootKey)).expect(200)).body.data;

  async function seed() {
    const make = async (expired: boolean, inactive: boolean) => {
      const key = await createKey(t, inactive ? {} : {});
      if (expired) await expireInDatabase(t, key.id);
      if (inactive)
        await t.http
          .patch(`/api/v1/keys/${key.id}`)
          .set(bearer(t.rootKey))
          .send({ status: 'inactive' })
          .expect(200);
      return key;
    };
    return {
      live: await make(false, false),
      expired: await make(true, false),
      inactive: await make(false, true),
      both: await make(true, true),
    };
  }

  it('counts, then deletes expired and inactive keys together', async () => {
    await seed();
    expect(await counts()).toEqual({ expired: 2, inactive: 2, expired_and_inactive: 1 });
    const { body } = await t.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(t.rootKey))
      .send({ expired: true, inactive: true })
      .expect(200);
    expect(body).toEqual({ data: { deleted: 3 } });
    expect(await counts()).toEqual({ expired: 0, inactive: 0, expired_and_inactive: 0 });
  });

  it('deletes only keys that are both with expired_and_inactive', async () => {
    const { live, expired, inactive, both } = await seed();
    const { body } = await t.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(t.rootKey))
      .send({ expired_and_inactive: true })
      .expect(200);
    expect(body.data.deleted).toBe(1);
    const remaining = (
      await t.http.get('/api/v1/keys?per_page=100').set(bearer(t.rootKey))
    ).body.data.map((k: { id: string }) => k.id);
    expect(remaining).toEqual(expect.arrayContaining([live.id, expired.id, inactive.id]));
    expect(remaining).not.toContain(both.id);
    await t.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(t.rootKey))
      .send({ expired: true })
      .expect(200);
    await t.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(t.rootKey))
      .send({ inactive: true })
      .expect(200);
  });

  it('never deletes as unused a key used since last_used was last written', async () => {
    const idle = await createKey(t, { name: 'idle-for-long' });
    const busy = await createKey(t, { name: 'used-just-now' });
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    for (const key of [idle, busy]) {
      await changeKeyInDatabase(t, key.id, { createdAt: longAgo, lastUsed: longAgo });
    }
    // The use is held in memory until LAST_USED_WRITE_INTERVAL_S has passed.
    await t.http.get('/api/v1/me').set(bearer(busy.key)).expect(200);

    const counted = await t.http
      .get('/api/v1/keys/cleanup')
      .query({ unused_days: 30 })
      .set(bearer(t.rootKey))
      .expect(200);
    expect(counted.body.data.unused).toBe(1);
    const { body } = await t.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(t.rootKey))
      .send({ unused_days: 30 })
      .expect(200);
    expect(body.data.deleted).toBe(1);
    await t.http.get(`/api/v1/keys/${idle.id}`).set(bearer(t.rootKey)).expect(404);
    await t.http.get('/api/v1/me').set(bearer(busy.key)).expect(200);
  });

  it.each([
    [{}],
    [{ expired: false }],
    [{ expired_and_inactive: true, expired: true }],
    [{ expired_and_inactive: true, inactive: true }],
    [{ expired: 'yes' }],
    [{ everything: true }],
  ])('rejects %j with 400 and deletes nothing', async (body) => {
    await seed();
    const before = await counts();
    expectError(
      await t.http.post('/api/v1/keys/cleanup').set(bearer(t.rootKey)).send(body),
      400,
      'validation_failed',
    );
    expect(await counts()).toEqual(before);
  });
});
