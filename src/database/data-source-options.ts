import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { AuditEvent } from '../audit/audit-event.entity';
import { ApiKey } from '../keys/api-key.entity';
import { KeyUsage } from '../usage/key-usage.entity';
import { User } from '../users/user.entity';
import { ACQUIRE_TIMEOUT_MS, boundedMysql2 } from './bounded-mysql2';

export const entities = [User, ApiKey, AuditEvent, KeyUsage];

export interface DatabaseSettings {
  /** `mysql://…` or `mariadb://…`; unset means the embedded SQLite file. */
  url?: string;
  sqlitePath: string;
}

/**
 * How long one query of a request may wait for its answer before it fails
 * (and the request answers 503): with ACQUIRE_TIMEOUT_MS, a stalled database
 * holds a request under 5 s.
 */
export const QUERY_TIMEOUT_MS = 2500;

/**
 * One description of the database for the app, the TypeORM CLI and the tests.
 * `boundQueries` limits every query to QUERY_TIMEOUT_MS on MySQL/MariaDB: for
 * serving requests, not for migrations, which may take longer.
 */
export function buildDataSourceOptions(
  settings: DatabaseSettings,
  { boundQueries = false }: { boundQueries?: boolean } = {},
): DataSourceOptions {
  const common = { entities, migrations, synchronize: false, migrationsRun: false } as const;
  if (settings.url) {
    return {
      ...common,
      // Both go through mysql2; the type tells TypeORM how the server reports its
      // schema (MariaDB quotes column defaults), which the migration check relies on.
      type: settings.url.startsWith('mariadb:') ? 'mariadb' : 'mysql',
      url: settings.url,
      // Dates are stored and read as UTC whatever the server's time zone.
      timezone: 'Z',
      driver: boundedMysql2({ queryTimeoutMs: boundQueries ? QUERY_TIMEOUT_MS : undefined }),
      connectTimeout: ACQUIRE_TIMEOUT_MS,
      extra: { connectionLimit: 10 },
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: settings.sqlitePath,
    // WAL lets readers go on while a write commits; busy_timeout waits out a
    // writer in another process (the migration CLI) instead of failing.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
