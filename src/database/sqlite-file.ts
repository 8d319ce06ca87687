import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes the SQLite database private (it holds e-mails, client addresses
 * and key hashes) before SQLite opens it: the directory 0700 when created
 * here, the file 0600, whatever the umask. SQLite gives the -wal and -shm
 * files the database file's mode; those an earlier start left are narrowed
 * here too.
 */
export function preparePrivateSqliteFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600)); // an empty file is an empty database
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
