import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../migrations';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { databaseName, recreateDatabase } from './support/mariadb';
import { isMariaDb } from './support/test-app';

/**
 * Immich's "TypeORM checks": on an empty database, the migrations must build
 * exactly the schema the entities describe, so `migration:generate` has
 * nothing to write; and they must revert cleanly.
 */
describe('migrations', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    let url: string | undefined;
    if (isMariaDb()) {
      const scratch = new URL(process.env.TEST_DATABASE_URL!);
      scratch.pathname = `/${databaseName(process.env.TEST_DATABASE_URL!)}_migrations`;
      url = scratch.toString();
      await recreateDatabase(url);
    }
    const sqlitePath = join(mkdtempSync(join(tmpdir(), 'latchkey-migrations-')), 'check.sqlite');
    dataSource = new DataSource(buildDataSourceOptions({ url, sqlitePath }));
    await dataSource.initialize();
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
      .getTables(['users', 'api_keys', 'audit_events']);
    expect(tables).toEqual([]);
  });
});
