import { DataSource } from 'typeorm';
import { migrations } from '../migrations';
import { scratchDataSource } from './support/database';

/**
 * Immich's "TypeORM checks": on an empty database, the migrations must build
 * exactly the schema the entities describe, so `migration:generate` has
 * nothing to write; and they must revert cleanly.
 */
describe('migrations', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await scratchDataSource('migrations');
  });

  afterAll(() => dataSource.destroy());

  it('build the schema the entities describe: migration:generate finds nothing to do', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('revert to an empty schema', async () => {
    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource
      .createQueryRunner()
      .getTables(['users', 'api_keys', 'audit_events', 'key_usage']);
    expect(tables).toEqual([]);
  });
});
