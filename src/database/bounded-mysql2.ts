import * as mysql2 from 'mysql2';
import type { Pool, PoolConnection, PoolOptions } from 'mysql2';

/** How long a query waits for a pooled connection, connecting included. */
export const ACQUIRE_TIMEOUT_MS = 2000;

type Callback = (error: NodeJS.ErrnoException | null, ...results: unknown[]) => void;

/**
 * mysql2 for TypeORM's `driver` option, bounded so that a database that stops
 * answering without resetting (a hung proxy or network) fails queries instead
 * of holding them until it comes back:
 * - a query waits at most ACQUIRE_TIMEOUT_MS for a pooled connection
 *   (mysql2's pool has no acquire timeout), then fails with ETIMEDOUT;
 * - with `queryTimeoutMs`, a query (or prepared statement) unanswered by then
 *   fails with PROTOCOL_SEQUENCE_TIMEOUT and its connection leaves the pool.
 *   mysql2's own `timeout` is no substitute: it only fails that query, leaves
 *   the connection in the pool with the next query queued behind the
 *   abandoned one, and does not cover preparing a statement.
 */
export function boundedMysql2({ queryTimeoutMs }: { queryTimeoutMs?: number } = {}) {
  const createPool = (options: PoolOptions): Pool => {
    const pool = mysql2.createPool(options);
    boundAcquire(pool);
    if (queryTimeoutMs !== undefined) {
      pool.on('connection', (connection) => boundCommands(connection, queryTimeoutMs));
    }
    return pool;
  };
  return { ...mysql2, createPool };
}

function boundAcquire(pool: Pool): void {
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (callback) => {
    let waiting = true;
    const timer = setTimeout(() => {
      waiting = false;
      const error = new Error(`No database connection within ${ACQUIRE_TIMEOUT_MS} ms`);
      callback(Object.assign(error, { code: 'ETIMEDOUT' }), undefined as unknown as PoolConnection);
    }, ACQUIRE_TIMEOUT_MS);
    getConnection((error, connection) => {
      if (!waiting) return connection?.release(); // too late: back to the pool
      clearTimeout(timer);
      callback(error, connection);
    });
  };
}

function boundCommands(connection: PoolConnection, timeoutMs: number): void {
  for (const method of ['query', 'execute'] as const) {
    const run = connection[method].bind(connection) as (...args: unknown[]) => unknown;
    connection[method] = ((...args: unknown[]) => {
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback !== 'function') return run(...args);
      let waiting = true;
      const timer = setTimeout(() => {
        waiting = false;
        // Out of the pool at once; its socket closes when the other end reads again.
        connection.destroy();
        const error = new Error(`The database did not answer within ${timeoutMs} ms`);
        (callback as Callback)(Object.assign(error, { code: 'PROTOCOL_SEQUENCE_TIMEOUT' }));
      }, timeoutMs);
      args[last] = ((error, ...results) => {
        if (!waiting) return;
        clearTimeout(timer);
        (callback as Callback)(error, ...results);
      }) satisfies Callback;
      return run(...args);
    }) as never;
  }
}
