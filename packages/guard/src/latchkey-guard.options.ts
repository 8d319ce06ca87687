/** How verdicts are reused: by the same key, route grants and client address. */
export interface CacheOptions {
  /**
   * How long one verdict is reused, in milliseconds, while the change stream
   * is up (it evicts changed keys and owners at once). Default 60,000; 0
   * turns the cache off (concurrent identical verifications still share one call).
   */
  cacheTtlMs?: number;
  /** The most verdicts kept; the least recently used go first. Default 10,000. */
  cacheMaxEntries?: number;
}

/** Options every way of building the guard module takes. */
export interface ModuleOptions {
  /**
   * Register Latchkey's exception filter for the whole service, so that every
   * error (the guard's and the service's own) has Latchkey's envelope
   * `{"error": {status, code, message}}`. Default true.
   */
  errorFilter?: boolean;
  /**
   * Register LatchkeyGuard for every route (deny by default). False when the
   * routes are guarded through Passport (`AuthGuard('latchkey')`) instead:
   * the module then only records each route's rule for LatchkeyStrategy. Default true.
   */
  globalGuard?: boolean;
}

/** The service asks Latchkey over HTTP (`POST /api/v1/keys/verify`, or `/verify/batch` for several). */
export interface RemoteGuardOptions extends CacheOptions, ModuleOptions {
  /** Optional; the only mode of this package (in-process mode lives in Latchkey's own package). */
  mode?: 'remote';
  /** Latchkey's base URL, e.g. `http://latchkey:3000`. */
  url: string;
  /** A key of a `service` user that holds `api_keys.verify`. */
  serviceKey: string;
  /** How long to wait for a verdict (queueing included) before answering 503, in milliseconds. Default 2000. */
  timeoutMs?: number;
  /**
   * Keep-alive connections to Latchkey, the bound on calls in flight; what is
   * asked meanwhile waits and goes in one batch when a call returns. Default 16.
   */
  connections?: number;
  /**
   * Subscribe to Latchkey's change stream (`GET /api/v1/keys/changes`) to
   * evict changed keys' verdicts at once. Default true. Off, or while the
   * stream is down, verdicts are reused for `fallbackCacheTtlMs` only.
   */
  changeStream?: boolean;
  /** Verdict reuse while the change stream is not up, in milliseconds. Default 1000. */
  fallbackCacheTtlMs?: number;
}

export type LatchkeyGuardOptions = RemoteGuardOptions;

export const DEFAULT_CACHE_TTL_MS = 60_000;
export const DEFAULT_FALLBACK_CACHE_TTL_MS = 1000;
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;
export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_CONNECTIONS = 16;
