import { Logger } from '@nestjs/common';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { ApiKey } from '../src/keys/api-key.entity';
import type { Answer } from '../openapi';
import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { changeKeyInDatabase, dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { emptyTables } from './support/mariadb';
import { bearer, isMariaDb, startTestApp, TestApp } from './support/test-app';

const TOKEN_BODY = 'ab'.repeat(32);

/** Starts the app again on the data directory and database of `earlier`, with its log lines. */
async function restart(earlier: TestApp): Promise<{ t: TestApp; logs: string[] }> {
  await earlier.close();
  const spies = [jest.spyOn(Logger.prototype, 'log'), jest.spyOn(Logger.prototype, 'warn')];
  try {
    const t = await startTestApp({ dataDir: earlier.dataDir, keepDatabase: true });
    const logs = spies.flatMap((spy) => spy.mock.calls.map(([message]) => String(message)));
    return { t, logs };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

const rootKeyId = async (t: TestApp, token = t.rootKey): Promise<string> =>
  (await t.http.get('/api/v1/me').set(bearer(token)).expect(200)).body.data.key.id as string;

const rootKeyEvents = (t: TestApp) =>
  dataSourceOf(t)
    .getRepository(AuditEvent)
    .find({
      where: [{ action: 'auth.root_key_registered' }, { action: 'auth.root_key_rotated' }],
      order: { at: 'ASC' },
    });

/** An admin other than root, to act once the root token is gone. */
async function otherAdmin(t: TestApp): Promise<string> {
  const admin = await createUser(t, { role: 'admin' });
  return (await createKey(t, { owner_id: admin.id, scopes: ['admin'] })).key;
}

const reportLeaked = (t: TestApp, token: string) =>
  t.http
    .post('/api/v1/keys/report-leak')
    .send({ tokens: [token] })
    .expect(202);

describe('the root key (SPEC section 3)', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('is written to the audit trail on first start, with the reason', async () => {
    t = await startTestApp();
    const events = await rootKeyEvents(t);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'auth.root_key_registered',
      targetId: await rootKeyId(t),
      details: {
        reason: 'no root key in the database: a new key was made and written to the key file',
        revoked_key_ids: [],
      },
    });
  });

  it('re-registered after a database reset says so in the log and the audit trail', async () => {
    const first = await startTestApp();
    if (isMariaDb()) await emptyTables(process.env.TEST_DATABASE_URL!);
    else rmSync(join(first.dataDir, 'latchkey.sqlite'));
    const { t: second, logs } = await restart(first);
    t = second;
    const reason = 'no root key in the database (reset?): the key in the key file was registered';
    await second.http.get('/api/v1/me').set(bearer(first.rootKey)).expect(200);
    expect((await rootKeyEvents(second)).map((e) => e.details.reason)).toEqual([reason]);
    expect(logs).toContainEqual(expect.stringContaining(reason));
  });

  it('clean-up neither counts nor deletes a leak-reported root key, and the leaked token stays 401 after a restart', async () => {
    const first = await startTestApp();
    const admin = await otherAdmin(first);
    const disabled = await createKey(first, { name: 'disabled' });
    await first.http
      .patch(`/api/v1/keys/${disabled.id}`)
      .set(bearer(admin))
      .send({ status: 'inactive' })
      .expect(200);
    const rootId = await rootKeyId(first);
    await reportLeaked(first, first.rootKey);
    expectError(await first.http.get('/api/v1/me').set(bearer(first.rootKey)), 401, 'unauthorized');

    const counts = await first.http.get('/api/v1/keys/cleanup').set(bearer(admin)).expect(200);
    expect(counts.body.data.inactive).toBe(1);
    const cleaned = await first.http
      .post('/api/v1/keys/cleanup')
      .set(bearer(admin))
      .send({ inactive: true })
      .expect(200);
    expect(cleaned.body.data.deleted).toBe(1);
    expect(await dataSourceOf(first).getRepository(ApiKey).findOneBy({ id: rootId })).toMatchObject(
      {
        status: 'inactive',
        isRoot: true,
      },
    );
    // The root user's key name stays taken: no key can be made to pass for it.
    const rootUser = (await first.http.get(`/api/v1/keys/${rootId}`).set(bearer(admin))).body.data
      .owner_id;
    expectError(
      await first.http
        .post('/api/v1/keys')
        .set(bearer(admin))
        .send({ name: 'root', owner_id: rootUser, scopes: ['admin'] }),
      409,
      'conflict',
    );

    const { t: second, logs } = await restart(first);
    t = second;
    expectError(
      await second.http.get('/api/v1/me').set(bearer(first.rootKey)),
      401,
      'unauthorized',
    );
    expect(await rootKeyEvents(second)).toHaveLength(1); // the first start's only
    expect(logs).toContainEqual(
      `The key file ${second.keyFile} holds the token of the root key ${rootId}, which was revoked or reported leaked: it is not registered and gives no access. Delete the file and restart to make a new root key.`,
    );
    expect(logs).toContainEqual(`API key authentication ready (key file: ${second.keyFile})`);
  });

  it('is known by what it is, not by its name: a key named root is an ordinary key', async () => {
    const first = await startTestApp();
    const rootId = await rootKeyId(first);
    const rootUser = (await first.http.get('/api/v1/me').set(bearer(first.rootKey))).body.data.user
      .id;
    await changeKeyInDatabase(first, rootId, { name: 'bootstrap' });
    const namedRoot = await createKey(first, {
      name: 'root',
      owner_id: rootUser,
      scopes: ['admin'],
    });
    await first.http
      .patch(`/api/v1/keys/${namedRoot.id}`)
      .set(bearer(first.rootKey))
      .send({ scopes: ['read:assets'] })
      .expect(200);
    expectError(
      await first.http
        .patch(`/api/v1/keys/${rootId}`)
        .set(bearer(first.rootKey))
        .send({ status: 'inactive' }),
      409,
      'conflict',
    );
    const isRoot = async (id: string): Promise<boolean> => {
      const shown = await first.http.get(`/api/v1/keys/${id}`).set(bearer(first.rootKey));
      return (shown.body as Answer<'/api/v1/keys/{id}', 'get'>).data.is_root;
    };
    expect(await isRoot(rootId)).toBe(true);
    expect(await isRoot(namedRoot.id)).toBe(false);

    const { t: second } = await restart(first);
    t = second;
    expect(await rootKeyId(second, first.rootKey)).toBe(rootId);
    const me = await second.http.get('/api/v1/me').set(bearer(namedRoot.key)).expect(200);
    expect(me.body.data.key).toMatchObject({ id: namedRoot.id, scopes: ['read:assets'] });
    expect(await rootKeyEvents(second)).toHaveLength(1);
    await second.http.delete(`/api/v1/keys/${namedRoot.id}`).set(bearer(first.rootKey)).expect(200);
  });

  it.each([
    ['active', () => Promise.resolve()],
    ['leak-reported', (first: TestApp) => reportLeaked(first, first.rootKey)],
  ])(
    'a deleted key file makes a new root key with a new id and revokes the %s old one',
    async (_state, before: (first: TestApp) => Promise<unknown>) => {
      const first = await startTestApp();
      const oldId = await rootKeyId(first);
      await before(first);
      rmSync(first.keyFile);
      const { t: second, logs } = await restart(first);
      t = second;

      const newId = await rootKeyId(second);
      expect(newId).not.toBe(oldId);
      expectError(
        await second.http.get('/api/v1/me').set(bearer(first.rootKey)),
        401,
        'unauthorized',
      );
      const old = await second.http.get(`/api/v1/keys/${oldId}`).set(bearer(second.rootKey));
      expect(old.body.data).toMatchObject({
        status: 'inactive',
        name: expect.stringMatching(/^root \(revoked /),
      });
      expectError(
        await second.http
          .patch(`/api/v1/keys/${oldId}`)
          .set(bearer(second.rootKey))
          .send({ status: 'active' }),
        409,
        'conflict',
      );

      const reason = 'the key file was missing: a new key was made and replaced the root key';
      const rotated = (await rootKeyEvents(second)).at(-1)!;
      expect(rotated).toMatchObject({
        action: 'auth.root_key_rotated',
        targetId: newId,
        details: { reason, revoked_key_ids: [oldId] },
      });
      expect(logs).toContainEqual(
        `Root key rotated: ${reason} (new key ${newId}; revoked ${oldId}).`,
      );
    },
  );

  it('a key file holding an unknown token: that token becomes a new root key, and the log says so', async () => {
    const first = await startTestApp();
    const oldId = await rootKeyId(first);
    const token = `lk_${TOKEN_BODY}`;
    writeFileSync(first.keyFile, `${token}\n`, { mode: 0o600 });
    const { t: second, logs } = await restart(first);
    t = second;

    const newId = await rootKeyId(second, token);
    expect(newId).not.toBe(oldId);
    expectError(
      await second.http.get('/api/v1/me').set(bearer(first.rootKey)),
      401,
      'unauthorized',
    );
    const reason =
      'the key file holds a token the database does not know: it replaced the root key';
    expect((await rootKeyEvents(second)).at(-1)).toMatchObject({
      action: 'auth.root_key_rotated',
      targetId: newId,
      details: { reason, revoked_key_ids: [oldId] },
    });
    expect(logs).toContainEqual(
      `Root key rotated: ${reason} (new key ${newId}; revoked ${oldId}).`,
    );
    expect(logs.join('\n')).not.toMatch(/missing/);
    expect(logs.join('\n')).not.toContain(TOKEN_BODY);
  });

  it('a key file holding another key’s token does not make that key the root key', async () => {
    const first = await startTestApp();
    const rootId = await rootKeyId(first);
    const other = await createKey(first, { scopes: ['read:assets'] });
    writeFileSync(first.keyFile, `${other.key}\n`, { mode: 0o600 });
    const { t: second, logs } = await restart(first);
    t = second;

    const me = await second.http.get('/api/v1/me').set(bearer(other.key)).expect(200);
    expect(me.body.data.key).toMatchObject({ id: other.id, scopes: ['read:assets'] });
    expect(await rootKeyId(second, first.rootKey)).toBe(rootId);
    expect(await rootKeyEvents(second)).toHaveLength(1);
    expect(logs).toContainEqual(
      expect.stringContaining(`holds the token of the key ${other.id}, which is not the root key`),
    );
  });
});
