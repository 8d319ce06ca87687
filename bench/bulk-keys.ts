/**
 * Writes many keys straight into the benchmark's own database, far faster
 * than a million `POST /keys` calls. Rows are the ones the API would write
 * (real token hashes, masked forms, timestamps), through the app's own
 * entities and data-source options.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, type DatabaseSettings } from '../src/database/data-source-options';
import { ApiKey, KeyStatus, KeyTier } from '../src/keys/api-key.entity';

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
        return {
          id: randomUUID(),
          ownerId,
          name: `bulk-${start + j}`,
          keyHash: createHash('sha256').update(token).digest('hex'),
          previousKeyHash: null,
          previousKeyExpiresAt: null,
          maskedKey: `lk_****${token.slice(-4)}`,
          scopes: [],
          tier: KeyTier.Standard,
          status: KeyStatus.Active,
          expiresAt: null,
          allowedIps: [],
          lastUsed: null,
          lastUsedIp: null,
          createdAt: now,
          updatedAt: now,
        };
      });
      await dataSource.getRepository(ApiKey).insert(rows);
    }
  } finally {
    await dataSource.destroy();
  }
  return tokens;
}
