import { randomBytes, randomUUID } from 'node:crypto';
import { ApiKey } from '../src/keys/api-key.entity';
import { KEYS_PER_UPDATE, LastUsedRecorder } from '../src/keys/last-used.recorder';
import { createKey } from './factories/key.factory';
import { keyRow } from '../bench/key-row';
import { createUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Each key's latest use is written in batches, many keys to one UPDATE: every
 * key must get its own time and address, across statements, on both databases.
 */
describe('last_used, written in batches', () => {
  let t: TestApp;
  let recorder: LastUsedRecorder;

  beforeAll(async () => {
    t = await startTestApp();
    recorder = t.app.get(LastUsedRecorder);
  });

  afterAll(() => t.close());

  /** `count` keys of one new user, inserted as rows (the API would take minutes). */
  async function insertKeys(count: number): Promise<string[]> {
    const owner = await createUser(t, { role: 'viewer' });
    const rows = Array.from({ length: count }, (_, i) =>
      keyRow(owner.id, `batch-${i}`, `lk_${randomBytes(32).toString('hex')}`),
    );
    // In slices: SQLite binds at most 32,766 values to one statement.
    for (let start = 0; start < count; start += 200) {
      await dataSourceOf(t)
        .getRepository(ApiKey)
        .insert(rows.slice(start, start + 200));
    }
    return rows.map((row) => row.id);
  }

  it('gives every key its own latest use, across more keys than one UPDATE takes', async () => {
    const ids = await insertKeys(KEYS_PER_UPDATE + 3);
    const base = Date.UTC(2026, 0, 1);
    const expected = ids.map((id, i) => ({
      id,
      lastUsed: new Date(base + i * 1001),
      // Every fifth use named no address (a verification without ip).
      lastUsedIp: i % 5 === 0 ? null : `10.0.${i >> 8}.${i & 255}`,
    }));
    for (const use of expected) {
      recorder.record(use.id, 'earlier-address', new Date(base - 60_000));
      recorder.record(use.id, use.lastUsedIp ?? '', use.lastUsed);
    }
    // A key deleted before the flush is no reason to lose the others' uses.
    recorder.record(randomUUID(), '10.9.9.9');

    await recorder.flush();

    const stored = await dataSourceOf(t)
      .getRepository(ApiKey)
      .find({ select: { id: true, lastUsed: true, lastUsedIp: true }, order: { name: 'ASC' } });
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(ids.map((id) => ({ ...byId.get(id) }))).toEqual(expected);
  });

  it('writes nothing for a key not used since the last flush', async () => {
    const [used, unused] = await insertKeys(2);
    recorder.record(used, '10.1.1.1', new Date(Date.UTC(2026, 5, 1)));
    await recorder.flush();

    const keys = dataSourceOf(t).getRepository(ApiKey);
    expect(await keys.findOneByOrFail({ id: unused })).toMatchObject({
      lastUsed: null,
      lastUsedIp: null,
    });
    expect(await keys.findOneByOrFail({ id: used })).toMatchObject({ lastUsedIp: '10.1.1.1' });
  });

  it('shows a use through the API before it is written, and the same after', async () => {
    const created = await createKey(t);
    await t.http.get('/api/v1/me').set(bearer(created.key)).expect(200);
    const pending = await t.http
      .get(`/api/v1/keys/${created.id}`)
      .set(bearer(t.rootKey))
      .expect(200);

    await recorder.flush();

    const written = await t.http
      .get(`/api/v1/keys/${created.id}`)
      .set(bearer(t.rootKey))
      .expect(200);
    expect(pending.body.data.last_used).not.toBeNull();
    expect(written.body.data.last_used).toBe(pending.body.data.last_used);
    expect(written.body.data.last_used_ip).toBe(pending.body.data.last_used_ip);
  });
});
