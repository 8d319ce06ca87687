import { QueryFailedError } from 'typeorm';

// Driver error codes that mean "the server is not there", as opposed to a bad query.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

// TypeORM errors thrown when the DataSource is not (yet) connected.
const UNAVAILABLE_NAMES = new Set(['ConnectionIsNotSetError', 'CannotExecuteNotConnectedError']);

/** True when an error means the database cannot be reached, so the answer is 503. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  // Duck-typed rather than `instanceof Error`: driver errors may come from
  // another realm (Node's core under jest's VM, for one).
  if (typeof error !== 'object' || error === null) return false;
  const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
  if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
  const driverCode =
    error instanceof QueryFailedError ? (error.driverError as { code?: unknown }).code : code;
  if (typeof driverCode === 'string' && UNAVAILABLE_CODES.has(driverCode)) return true;
  return (
    typeof message === 'string' &&
    /connection is not established|connection is not open|pool is closed|closed state|Connection lost/i.test(
      message,
    )
  );
}

/**
 * Runs a write that may break a unique index; such a violation becomes the
 * error `conflict` makes of it (a 409 naming the field), anything else
 * passes through.
 */
export async function unlessTaken<T>(
  write: () => Promise<T>,
  conflict: (violation: Error) => Error,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw isUniqueViolation(error) ? conflict(error as Error) : error;
  }
}

/** True when an insert or update broke a unique index (MySQL/MariaDB or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
