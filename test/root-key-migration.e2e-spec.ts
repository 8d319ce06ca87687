import { DataSource } from 'typeorm';
import { migrations } from '../migrations';
import { RootKeyFlag1764900001000 } from '../migrations/1764900001000-RootKeyFlag';
import { ApiKey } from '../src/keys/api-key.entity';
import { scratchDataSource } from './support/database';

describe('migration RootKeyFlag', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await scratchDataSource('root_flag');
  });
  afterAll(() => dataSource.destroy());

  it('flags the key the earlier versions took for the root key: `root` of the user `root`', async () => {
    await dataSource.runMigrations();
    // Back to the schema before RootKeyFlag, undoing it and every newer migration.
    const newer = migrations.length - migrations.indexOf(RootKeyFlag1764900001000);
    for (let i = 0; i < newer; i++) await dataSource.undoLastMigration();
    const at = '2025-01-01 00:00:00.000';
    const users = [
      ['00000000-0000-4000-8000-000000000001', 'root'],
      ['00000000-0000-4000-8000-000000000002', 'alice'],
    ];
    for (const [id, name] of users) {
      await dataSource.query(
        'INSERT INTO users (id, name, role, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        [id, name, 'admin', 'active', at, at],
      );
    }
    const keys = [
      ['10000000-0000-4000-8000-000000000001', users[0][0], 'root'],
      ['10000000-0000-4000-8000-000000000002', users[1][0], 'root'],
      ['10000000-0000-4000-8000-000000000003', users[0][0], 'ci'],
    ];
    for (const [id, ownerId, name] of keys) {
      await dataSource.query(
        'INSERT INTO api_keys (id, owner_id, name, key_hash, masked_key, scopes, tier, status, allowed_ips, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, ownerId, name, id, 'lk_****0000', '[]', 'standard', 'active', '[]', at, at],
      );
    }

    await dataSource.runMigrations();
    const flagged = await dataSource.getRepository(ApiKey).findBy({ isRoot: true });
    expect(flagged.map((key) => key.id)).toEqual([keys[0][0]]);
  });
});
