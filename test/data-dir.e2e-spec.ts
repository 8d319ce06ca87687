import { chmodSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMariaDb, startTestApp } from './support/test-app';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** What DATA_DIR holds: the key file, and on SQLite the database with its WAL and shared memory. */
const privateFiles = (dataDir: string) => {
  const database = join(dataDir, 'latchkey.sqlite');
  return [
    join(dataDir, '.api_key'),
    ...(isMariaDb() ? [] : [database, `${database}-wal`, `${database}-shm`]),
  ];
};

describe('DATA_DIR file modes', () => {
  it('creates DATA_DIR 0700 and every file in it 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'latchkey-modes-')), 'data');
    const t = await startTestApp({ dataDir });
    try {
      expect(modeOf(dataDir).toString(8)).toBe('700');
      for (const file of privateFiles(dataDir)) {
        expect([file, modeOf(file).toString(8)]).toEqual([file, '600']);
      }
    } finally {
      await t.close();
    }
  });

  it('narrows files an earlier start left readable to others', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-modes-'));
    await (await startTestApp({ dataDir })).close();
    for (const file of privateFiles(dataDir)) if (existsSync(file)) chmodSync(file, 0o644);

    const t = await startTestApp({ dataDir, keepDatabase: true });
    try {
      for (const file of privateFiles(dataDir)) {
        expect([file, modeOf(file).toString(8)]).toEqual([file, '600']);
      }
    } finally {
      await t.close();
    }
  });
});
