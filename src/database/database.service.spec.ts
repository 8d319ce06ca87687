import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { databaseConfig } from './database.config';
import { DatabaseService } from './database.service';

/*
 * Over a fake DataSource whose transactions run their work as given. What
 * needs a real database (connecting, MariaDB's separate migration
 * connection, migrations, row locks) is left to the database and e2e tiers.
 */
async function database(url?: string) {
  const dataSource = {
    isInitialized: true,
    transaction: (work: (m: EntityManager) => Promise<unknown>) => work({} as EntityManager),
  };
  const moduleRef = await Test.createTestingModule({
    providers: [
      DatabaseService,
      { provide: getDataSourceToken(), useValue: dataSource },
      { provide: databaseConfig.KEY, useValue: { url, sqlitePath: ':memory:' } },
    ],
  }).compile();
  moduleRef.useLogger(false);
  return moduleRef.get(DatabaseService);
}

/** A transaction's work that notes when it starts and ends, finishing when `release` is called. */
function step(name: string, log: string[]) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const work = async () => {
    log.push(`${name} start`);
    await done;
    log.push(`${name} end`);
    return name;
  };
  return { work, release };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('DatabaseService', () => {
  it('is SQLite without a database URL', async () => {
    expect((await database()).isSqlite).toBe(true);
    expect((await database('mysql://db/latchkey')).isSqlite).toBe(false);
  });

  it('runs SQLite transactions one at a time, in order', async () => {
    const service = await database();
    const log: string[] = [];
    const [a, b] = [step('a', log), step('b', log)];
    const results = Promise.all([service.transaction(a.work), service.transaction(b.work)]);
    await tick();
    expect(log).toEqual(['a start']);
    a.release();
    b.release();
    await expect(results).resolves.toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('lets the next SQLite transaction run after one fails', async () => {
    const service = await database();
    const failed = service.transaction(() => Promise.reject(new Error('constraint')));
    await expect(failed).rejects.toThrow('constraint');
    await expect(service.transaction(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('does not queue MariaDB transactions: they overlap', async () => {
    const service = await database('mysql://db/latchkey');
    const log: string[] = [];
    const [a, b] = [step('a', log), step('b', log)];
    const results = Promise.all([service.transaction(a.work), service.transaction(b.work)]);
    await tick();
    expect(log).toEqual(['a start', 'b start']);
    a.release();
    b.release();
    await results;
  });

  it('locks rows for update on MariaDB only', async () => {
    const locks: string[] = [];
    const query = {
      setLock: (mode: string) => (locks.push(mode), query),
    } as unknown as SelectQueryBuilder<object>;
    expect((await database()).forUpdate(query)).toBe(query);
    expect(locks).toEqual([]);
    (await database('mysql://db/latchkey')).forUpdate(query);
    expect(locks).toEqual(['pessimistic_write']);
  });
});
