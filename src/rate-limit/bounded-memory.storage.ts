import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  expiresAt: number;
}

/** Enough for every live key and a busy crowd of addresses, in a few tens of MB. */
export const DEFAULT_MAX_COUNTERS = 100_000;

/**
 * Fixed-window counters in process memory, never more than `maxCounters` of
 * them. The stock ThrottlerStorageService keeps one entry and one timer per
 * key for as long as the key is blocked or counted, so a million passing
 * addresses mean a million of each.
 *
 * Entries sit in a Map in the order their windows started, which with one
 * window length is also the order they expire: expired ones are dropped from
 * the front, and when the Map is full the oldest live counter goes, so its
 * owner starts a fresh window early (a flood can cost a little precision,
 * never the process's memory).
 */
export class BoundedMemoryStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxCounters = DEFAULT_MAX_COUNTERS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  /** Counts one hit; `blockDuration` is unused: a spent budget lasts until the window ends. */
  increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.hit(key, ttl, limit));
  }

  /** `increment` without the promise, for callers on the request path. */
  hit(key: string, ttl: number, limit: number): ThrottlerStorageRecord {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.expiresAt <= now) {
      this.windows.delete(key);
      this.dropExpired(now);
      if (this.windows.size >= this.maxCounters) this.dropOldest();
      window = { hits: 0, expiresAt: now + ttl };
      this.windows.set(key, window);
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

  private dropExpired(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.expiresAt > now) return;
      this.windows.delete(key);
    }
  }

  private dropOldest(): void {
    const oldest = this.windows.keys().next();
    if (!oldest.done) this.windows.delete(oldest.value);
  }
}
