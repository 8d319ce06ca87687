import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  expiresAt: number;
}

/** Per kind: enough for every live key, or for a busy crowd of addresses, in a few tens of MB. */
export const DEFAULT_MAX_COUNTERS = 100_000;

/**
 * Fixed-window counters in process memory, never more than `maxCounters` of
 * each kind (the name up to its first colon: `key:…`, `ip:…`). The stock
 * ThrottlerStorageService keeps one entry and one timer per key for as long
 * as the key is blocked or counted, so a million passing addresses mean a
 * million of each.
 *
 * Each kind's entries sit in a Map in the order their windows started, which
 * with one window length is also the order they expire: expired ones are
 * dropped from the front, and when the Map is full the oldest live counter
 * goes, so its owner starts a fresh window early. A flood can cost its own
 * kind a little precision, never the process's memory, and a flood of
 * addresses never starts a key's budget again.
 */
export class BoundedMemoryStorage implements ThrottlerStorage {
  private readonly kinds = new Map<string, Map<string, Window>>();

  constructor(
    private readonly maxCounters = DEFAULT_MAX_COUNTERS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    let size = 0;
    for (const windows of this.kinds.values()) size += windows.size;
    return size;
  }

  /** Counts one hit; `blockDuration` is unused: a spent budget lasts until the window ends. */
  increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.hit(key, ttl, limit));
  }

  /** `increment` without the promise, for callers on the request path. */
  hit(key: string, ttl: number, limit: number): ThrottlerStorageRecord {
    const now = this.now();
    const windows = this.windowsOfKind(key);
    let window = windows.get(key);
    if (!window || window.expiresAt <= now) {
      windows.delete(key);
      dropExpired(windows, now);
      if (windows.size >= this.maxCounters) dropOldest(windows);
      window = { hits: 0, expiresAt: now + ttl };
      windows.set(key, window);
    }
    window.hits++;
    const timeToExpire = Math.ceil((window.expiresAt - now) / 1000);
    const isBlocked = window.hits > limit;
    return {
      totalHits: window.hits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    };
  }

  private windowsOfKind(key: string): Map<string, Window> {
    const kind = key.slice(0, key.indexOf(':') + 1);
    let windows = this.kinds.get(kind);
    if (!windows) this.kinds.set(kind, (windows = new Map<string, Window>()));
    return windows;
  }
}

function dropExpired(windows: Map<string, Window>, now: number): void {
  for (const [key, window] of windows) {
    if (window.expiresAt > now) return;
    windows.delete(key);
  }
}

function dropOldest(windows: Map<string, Window>): void {
  const oldest = windows.keys().next();
  if (!oldest.done) windows.delete(oldest.value);
}
