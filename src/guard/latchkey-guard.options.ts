/** Options shared by both modes. */
interface CommonOptions {
  /**
   * How long one verdict is reused for the same key, route grants and client
   * address, in milliseconds. Default 1000; 0 turns the cache off.
   */
  cacheTtlMs?: number;
  /** The most verdicts kept; the least recently used go first. Default 10,000. */
  cacheMaxEntries?: number;
  /**
   * Register Latchkey's exception filter for the whole service, so that every
   * error (the guard's and the service's own) has Latchkey's envelope
   * `{"error": {status, code, message}}`. Default true.
   */
  errorFilter?: boolean;
}

/** The service asks Latchkey over HTTP (`POST /api/v1/keys/verify`). */
export interface RemoteGuardOptions extends CommonOptions {
  mode: 'remote';
  /** Latchkey's base URL, e.g. `http://latchkey:3000`. */
  url: string;
  /** A key of a `service` user that holds `api_keys.verify`. */
  serviceKey: string;
  /** How long to wait for Latchkey before answering 503, in milliseconds. Default 2000. */
  timeoutMs?: number;
}

/**
 * The service shares Latchkey's database and decides in its own process with
 * Latchkey's own code. It reads the same environment as Latchkey
 * (`DATABASE_URL`, `DATA_DIR`, `KEY_PREFIX`, `SCOPES`, `RATE_LIMIT_*`,
 * `REDIS_URL`, `LAST_USED_WRITE_INTERVAL_S`).
 */
export interface InProcessGuardOptions extends CommonOptions {
  mode: 'in-process';
}

export type LatchkeyGuardOptions = RemoteGuardOptions | InProcessGuardOptions;

export const DEFAULT_CACHE_TTL_MS = 1000;
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;
export const DEFAULT_TIMEOUT_MS = 2000;

export const LATCHKEY_GUARD_OPTIONS = Symbol('LatchkeyGuardOptions');
