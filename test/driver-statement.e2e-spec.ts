import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailableError } from '../src/common/database-errors';
import { DriverStatement } from '../src/database/driver-statement';
import { ApiKey } from '../src/keys/api-key.entity';
import { KeyByHashQuery } from '../src/keys/key-by-hash.query';
import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The read behind every uncached authentication runs on the driver itself
 * (mysql2's prepared statements, better-sqlite3's statements): it must answer
 * exactly what TypeORM's query() answers, and fail the way that means 503
 * once the database is closed.
 */
describe('DriverStatement', () => {
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = dataSourceOf(t);
  });

  afterAll(() => t.close());

  const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
  const usersByRole = 'SELECT id, name, role, created_at FROM users WHERE role = ? ORDER BY name';

  it('answers the rows TypeORM query() answers, with the parameters bound', async () => {
    const managers = [
      await createUser(t, { role: 'manager' }),
      await createUser(t, { role: 'manager' }),
    ];
    await createUser(t, { role: 'viewer' });
    const statement = new DriverStatement(dataSource, usersByRole);

    const rows = await statement.all(['manager']);

    expect(rows.map((row) => row.id).sort()).toEqual(managers.map((user) => user.id).sort());
    expect(rows).toEqual(await dataSource.query(usersByRole, ['manager']));
    expect(await statement.all(['nobody'])).toEqual([]);
  });

  it('finds a key by its token hash, with its owner, as entities (KeyByHashQuery)', async () => {
    const owner = await createUser(t, { role: 'viewer' });
    const created = await createKey(t, {
      owner_id: owner.id,
      scopes: ['api_keys.read'],
      tier: 'premium',
      allowed_ips: ['10.0.0.0/8'],
      expires_in_days: 30,
    });
    const query = new KeyByHashQuery(dataSource.getRepository(ApiKey));

    const found = await query.find(sha256(created.key));

    expect(found).toMatchObject({
      id: created.id,
      name: created.name,
      scopes: ['api_keys.read'],
      tier: 'premium',
      status: 'active',
      allowedIps: ['10.0.0.0/8'],
      expiresAt: new Date(created.expires_at!),
      owner: { id: owner.id, name: owner.name, role: 'viewer', status: 'active' },
    });
    expect(await query.find(sha256(`${created.key}-not`))).toBeNull();
  });

  it('fails as "database unavailable" (503) once the data source is closed', async () => {
    const statement = new DriverStatement(dataSource, usersByRole);
    await statement.all(['manager']);
    await t.close();

    const failure = await statement.all(['manager']).catch((error: unknown) => error);

    expect(isDatabaseUnavailableError(failure)).toBe(true);
  });
});
