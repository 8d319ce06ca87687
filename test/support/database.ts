import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { ApiKey } from '../../src/keys/api-key.entity';
import { ChangesService } from '../../src/changes/changes.service';
import { databaseName, recreateDatabase } from './mariadb';
import { isMariaDb, type TestApp } from './test-app';

/** The app's own DataSource, to assert on what is stored and to set up states no route makes yet. */
export function dataSourceOf(testApp: TestApp): DataSource {
  return testApp.app.get(DataSource);
}

/**
 * Changes a key in the database behind the service's back, as time passing
 * would (an expiry or a grace period ending), and announces it as any change
 * made through the API does. Without that, the service
 * would see the change only when the cached entry expires (KEY_CACHE_TTL_S).
 */
export async function changeKeyInDatabase(
  testApp: TestApp,
  id: string,
  changes: Partial<ApiKey>,
): Promise<void> {
  await dataSourceOf(testApp).getRepository(ApiKey).update(id, changes);
  await testApp.app.get(ChangesService).publish({ type: 'key', id });
}

/**
 * A connected DataSource on an empty database of its own, no migration run:
 * on MariaDB `<test database>_<suffix>`, else a new SQLite file.
 */
export async function scratchDataSource(suffix: string): Promise<DataSource> {
  let url: string | undefined;
  if (isMariaDb()) {
    const scratch = new URL(process.env.TEST_DATABASE_URL!);
    scratch.pathname = `/${databaseName(process.env.TEST_DATABASE_URL!)}_${suffix}`;
    url = scratch.toString();
    await recreateDatabase(url);
  }
  const sqlitePath = join(mkdtempSync(join(tmpdir(), `latchkey-${suffix}-`)), 'check.sqlite');
  return new DataSource(buildDataSourceOptions({ url, sqlitePath })).initialize();
}
