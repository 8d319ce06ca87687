import { rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { emptyTables } from './support/mariadb';
import { bearer, isMariaDb, startTestApp } from './support/test-app';

const TOKEN = /^lk_[0-9a-f]{64}$/;

describe('bootstrap key (SPEC section 3)', () => {
  it('writes the root key to <DATA_DIR>/.api_key with mode 0600, and it holds the admin scope', async () => {
    const t = await startTestApp();
    try {
      expect(t.keyFile).toBe(join(t.dataDir, '.api_key'));
      expect(t.rootKey).toMatch(TOKEN);
      expect(statSync(t.keyFile).mode & 0o777).toBe(0o600);
      const me = await t.http.get('/api/v1/me').set(bearer(t.rootKey)).expect(200);
      expect(me.body.data.user).toMatchObject({ name: 'root', role: 'admin' });
      expect(me.body.data.key.scopes).toEqual(['admin']);
    } finally {
      await t.close();
    }
  });

  const resetDatabase = async (dataDir: string) => {
    if (isMariaDb()) await emptyTables(process.env.TEST_DATABASE_URL!);
    else rmSync(join(dataDir, 'latchkey.sqlite'));
  };

  it.each([
    ['reuses the key from the file on later starts', () => Promise.resolve()],
    ['re-registers the key from the file when the database was reset', resetDatabase],
  ])('%s', async (_case, between: (dataDir: string) => Promise<unknown>) => {
    const first = await startTestApp();
    await first.close();
    await between(first.dataDir);
    const second = await startTestApp({ dataDir: first.dataDir, keepDatabase: true });
    try {
      expect(second.rootKey).toBe(first.rootKey);
      await second.http.get('/api/v1/me').set(bearer(first.rootKey)).expect(200);
    } finally {
      await second.close();
    }
  });

  it('makes a new root key and revokes the old one when the file is deleted', async () => {
    const first = await startTestApp();
    await first.close();
    rmSync(first.keyFile);
    const second = await startTestApp({ dataDir: first.dataDir, keepDatabase: true });
    try {
      expect(second.rootKey).toMatch(TOKEN);
      expect(second.rootKey).not.toBe(first.rootKey);
      await second.http.get('/api/v1/me').set(bearer(second.rootKey)).expect(200);
      expectError(
        await second.http.get('/api/v1/me').set(bearer(first.rootKey)),
        401,
        'unauthorized',
      );

      const events = await dataSourceOf(second)
        .getRepository(AuditEvent)
        .findBy({ action: 'auth.root_key_rotated' });
      expect(events).toHaveLength(1);
      expect(JSON.stringify(events)).not.toContain(second.rootKey.slice(3));
    } finally {
      await second.close();
    }
  });

  it('writes the key where API_KEY_FILE says', async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'latchkey-keyfile-')), 'nested', 'root.key');
    const t = await startTestApp({ env: { API_KEY_FILE: keyFile } });
    try {
      expect(t.keyFile).toBe(keyFile);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      await t.http.get('/api/v1/me').set(bearer(t.rootKey)).expect(200);
    } finally {
      await t.close();
    }
  });

  it('refuses to start from a key file that does not hold a key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-badkey-'));
    writeFileSync(join(dataDir, '.api_key'), 'not a key\n', { mode: 0o600 });
    await expect(startTestApp({ dataDir })).rejects.toThrow(/does not hold a valid key/);
  });
});
