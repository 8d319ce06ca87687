import type { DataSource } from 'typeorm';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';

type Row = Record<string, unknown>;

/** The slice of better-sqlite3's Database and Statement used here. */
interface SqliteDatabase {
  open: boolean;
  prepare(sql: string): { all(...parameters: unknown[]): Row[] };
}

/** The slice of mysql2's (callback) Pool used here. */
interface MysqlPool {
  execute(
    sql: string,
    parameters: unknown[],
    done: (error: Error | null, rows: Row[]) => void,
  ): void;
}

/**
 * One read-only SQL statement run on the driver itself, for the read behind
 * every authentication the key cache cannot answer. TypeORM's `query()`
 * makes a query runner, takes a pooled connection, emits events and logs for
 * every call; on MariaDB that was a third of the lookup's CPU time
 * (BENCHMARKS.md). Here mysql2 runs the SQL as a server-side prepared
 * statement (`execute`: parsed once per connection, rows in the binary
 * protocol), and better-sqlite3 prepares it once per open database.
 *
 * While the data source is not connected (or SQLite's database is closed),
 * calls go through TypeORM's `query()`, so that they fail with the errors
 * that mean 503. Driver errors from a running pool (a refused or lost
 * connection) keep their codes, which isDatabaseUnavailableError reads.
 */
export class DriverStatement {
  private sqlite?: { database: SqliteDatabase; statement: ReturnType<SqliteDatabase['prepare']> };

  constructor(
    private readonly dataSource: DataSource,
    private readonly sql: string,
  ) {}

  all(parameters: unknown[]): Promise<Row[]> {
    const { driver } = this.dataSource;
    if (!this.dataSource.isInitialized) return this.viaTypeOrm(parameters);
    if (driver instanceof MysqlDriver) {
      const pool = driver.pool as MysqlPool;
      return new Promise((resolve, reject) =>
        pool.execute(this.sql, parameters, (error, rows) =>
          error ? reject(error) : resolve(rows),
        ),
      );
    }
    if (driver instanceof BetterSqlite3Driver) {
      const database = driver.databaseConnection as SqliteDatabase;
      if (database.open) return this.allOnSqlite(database, parameters);
    }
    return this.viaTypeOrm(parameters);
  }

  private allOnSqlite(database: SqliteDatabase, parameters: unknown[]): Promise<Row[]> {
    if (this.sqlite?.database !== database) {
      this.sqlite = { database, statement: database.prepare(this.sql) };
    }
    const { statement } = this.sqlite;
    // Inside the executor, so that a driver error rejects as mysql2's do rather than throwing.
    return new Promise((resolve) => resolve(statement.all(...parameters)));
  }

  private viaTypeOrm(parameters: unknown[]): Promise<Row[]> {
    return this.dataSource.query<Row[]>(this.sql, parameters);
  }
}
