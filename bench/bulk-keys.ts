/**
 * Writes many keys straight into the benchmark's own database, far faster
 * than a million `POST /keys` calls. Rows are the ones the API would write
 * (real token hashes, masked forms, timestamps), through the app's own
 * entities and data-source options.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, type DatabaseSettings } from '../src/database/data-source-options';
import { ApiKey } from '../src/keys/api-key.entity';
import { keyRow } from './key-row';

/** Rows per INSERT: well under SQLite's limit of bound parameters per statement. */
const BATCH = 500;

/** A key written in bulk: its id, and the token it was made from. */
export interface BulkKey {
  id: string;
  token: string;
}

export async function insertKeys(
  settings: DatabaseSettings,
  ownerId: string,
  count: number,
  /** How many of the keys to hand back (the rest are only rows). */
  wanted: number,
): Promise<BulkKey[]> {
  const dataSource = await new DataSource(buildDataSourceOptions(settings)).initialize();
  const keys: BulkKey[] = [];
  try {
    for (let start = 0; start < count; start += BATCH) {
      const now = new Date();
      const rows = Array.from({ length: Math.min(BATCH, count - start) }, (_, j) => {
        const token = `lk_${randomBytes(32).toString('hex')}`;
        const row = keyRow(ownerId, `bulk-${start + j}`, token, now);
        if (keys.length < wanted) keys.push({ id: row.id, token });
        return row;
      });
      await dataSource.getRepository(ApiKey).insert(rows);
    }
  } finally {
    await dataSource.destroy();
  }
  return keys;
}
