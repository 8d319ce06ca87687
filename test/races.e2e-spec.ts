import { ApiKey } from '../src/keys/api-key.entity';
import { createKey } from './factories/key.factory';
import { dataSourceOf } from './support/database';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** Constraints and locks, not check-then-insert: these hold with 50 requests at once. */
describe('concurrent requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_KEYS_PER_USER: '10' } });
  });
  afterAll(() => t.close());

  const statuses = (responses: { status: number; body: { error?: { code: string } } }[]) =>
    responses.reduce<Record<string, number>>((counts, r) => {
      const label = `${r.status}${r.body.error ? ` ${r.body.error.code}` : ''}`;
      counts[label] = (counts[label] ?? 0) + 1;
      return counts;
    }, {});

  const cleanUp = () => dataSourceOf(t).query("DELETE FROM api_keys WHERE name <> 'root'");

  it('creates exactly one of 50 same-name keys; the rest get 409 conflict', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.http.post('/api/v1/keys').set(bearer(t.rootKey)).send({ name: 'same' }),
      ),
    );
    expect(statuses(responses)).toEqual({ '201': 1, '409 conflict': 49 });
    expect(await dataSourceOf(t).getRepository(ApiKey).countBy({ name: 'same' })).toBe(1);
    await cleanUp();
  });

  it('stops 50 creates at the per-user limit; the rest get 409 key_limit_reached', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http
          .post('/api/v1/keys')
          .set(bearer(t.rootKey))
          .send({ name: `k${i}` }),
      ),
    );
    // The root key is one of the ten.
    expect(statuses(responses)).toEqual({ '201': 9, '409 key_limit_reached': 41 });
    expect(await dataSourceOf(t).getRepository(ApiKey).count()).toBe(10);
    await cleanUp();
  });

  it('leaves exactly one valid token after 10 concurrent regenerates of one key', async () => {
    const key = await createKey(t);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http.post(`/api/v1/keys/${key.id}/regenerate`).set(bearer(t.rootKey)).send({}),
      ),
    );
    expect(statuses(responses)).toEqual({ '200': 10 });
    const tokens = [key.key, ...responses.map((r) => r.body.data.key as string)];
    const working = [];
    for (const token of tokens) {
      if ((await t.http.get('/api/v1/me').set(bearer(token))).status === 200) working.push(token);
    }
    expect(working).toHaveLength(1);
    await cleanUp();
  });

  it('leaves no working token when a delete races regenerates', async () => {
    const key = await createKey(t);
    const responses = await Promise.all([
      ...Array.from({ length: 5 }, () =>
        t.http.post(`/api/v1/keys/${key.id}/regenerate`).set(bearer(t.rootKey)).send({}),
      ),
      t.http.delete(`/api/v1/keys/${key.id}`).set(bearer(t.rootKey)),
      ...Array.from({ length: 5 }, () =>
        t.http.post(`/api/v1/keys/${key.id}/regenerate`).set(bearer(t.rootKey)).send({}),
      ),
    ]);
    expect(responses.every((r) => [200, 404].includes(r.status))).toBe(true);
    const tokens = [
      key.key,
      ...responses.flatMap((r) => (r.body.data?.key ? [r.body.data.key as string] : [])),
    ];
    for (const token of tokens)
      expect((await t.http.get('/api/v1/me').set(bearer(token))).status).toBe(401);
  });

  // Four of each: with the root key, nine of the ten keys MAX_KEYS_PER_USER allows.
  it('cleans up while the keys it deletes and the keys it keeps are in use, without a 500', async () => {
    const doomed = await Promise.all(Array.from({ length: 4 }, () => createKey(t)));
    const kept = await Promise.all(Array.from({ length: 4 }, () => createKey(t)));
    await dataSourceOf(t)
      .getRepository(ApiKey)
      .update(
        doomed.map((k) => k.id),
        { status: 'inactive' as ApiKey['status'] },
      );
    const use = (keys: typeof kept) => keys.map((k) => t.http.get('/api/v1/me').set(bearer(k.key)));
    const [before, cleanup, after] = await Promise.all([
      Promise.all([...use(doomed), ...use(kept)]),
      t.http.post('/api/v1/keys/cleanup').set(bearer(t.rootKey)).send({ inactive: true }),
      Promise.all([...use(doomed), ...use(kept)]),
    ]);
    expect(cleanup.status).toBe(200);
    expect(cleanup.body.data).toEqual({ deleted: 4 });
    for (const responses of [before, after]) {
      expect(responses.map((r) => r.status)).toEqual([
        ...Array(4).fill(401),
        ...Array(4).fill(200),
      ]);
    }
    expect(await dataSourceOf(t).getRepository(ApiKey).count()).toBe(5);
    await cleanUp();
  });
});
