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

export async function insertKeys(
  settings: DatabaseSettings,
  ownerId: string,
  count: number,
  /** How many of the tokens to hand back (the rest are only rows). */
  tokensWanted: number,
): Promise<string[]> {
  const dataSource = await new DataSource(buildDataSourceOptions(settings)).initialize();
  const tokens: string[] = [];
  try {
    for (let start = 0; start < count; start += BATCH) {
      const now = new Date();
      const rows = Array.from({ length: Math.min(BATCH, count - start) }, (_, j) => {
        const token = `lk_${randomBytes(32).toString('hex')}`;
        if (tokens.length < tokensWanted) tokens.push(token);
        return keyRow(ownerId, `bulk-${start + j}`, token, now);
      });
      await dataSource.getRepository(ApiKey).insert(rows);
    }
  } finally {
    await dataSource.destroy();
  }
  return tokens;
}
