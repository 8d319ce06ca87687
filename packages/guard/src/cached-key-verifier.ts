import { LRUCache, type Perf } from 'lru-cache';
import { hash } from 'node:crypto';
import type { KeyVerifier, Verdict, VerifyRequest } from './key-verifier';

export interface VerdictCacheConfig {
  /** The time to live of a verdict stored now, in ms; 0 stores none. Read on every store. */
  ttlMs: () => number;
  /** For verdicts that name no key (unknown, inactive, expired): no change event can evict them. */
  unnamedTtlMs: number;
  maxEntries: number;
  clock?: Perf;
}

/** A verdict as stored, with when it came, to count its window down. */
interface StoredVerdict {
  verdict: Verdict;
  storedAt: number;
}

/**
 * Reuses a verdict for the same key (by its SHA-256, never the token
 * itself), the same required grants and the same client address, in a
 * bounded LRU, and never past its rate-limit window, so that a key's budget
 * is counted again when the window turns. A reused verdict's
 * `ratelimit.reset` counts down with its window, so that `X-RateLimit-Reset`
 * and `Retry-After` stay true. Concurrent misses for one entry
 * share one verification. Only verdicts are cached: a failure to get one is
 * retried on the next request. `evictKey`, `evictOwner` and `clear` drop
 * what a change made stale, including the answers of calls still in flight.
 */
export class CachedKeyVerifier implements KeyVerifier {
  private readonly verdicts: LRUCache<string, StoredVerdict>;
  private readonly clock: Perf;
  private readonly inFlight = new Map<string, Promise<Verdict>>();
  /** Bumped by every eviction: a call that began before one does not store its verdict. */
  private generation = 0;

  constructor(
    private readonly inner: KeyVerifier,
    private readonly config: VerdictCacheConfig,
  ) {
    this.clock = config.clock ?? performance;
    this.verdicts = new LRUCache<string, StoredVerdict>({
      max: config.maxEntries,
      // Expired entries are never served, even before they are evicted.
      ttlAutopurge: false,
      allowStale: false,
      // Read the clock on every check rather than once per millisecond.
      ttlResolution: 0,
      perf: this.clock,
    });
  }

  cached(request: VerifyRequest): Verdict | undefined {
    return this.reuse(this.verdicts.get(cacheKey(request)));
  }

  verify(request: VerifyRequest): Promise<Verdict> {
    const entry = cacheKey(request);
    const cached = this.reuse(this.verdicts.get(entry));
    if (cached) return Promise.resolve(cached);
    let call = this.inFlight.get(entry);
    if (!call) {
      const generation = this.generation;
      call = this.inner.verify(request).then((verdict) => {
        if (generation === this.generation) this.store(entry, verdict);
        return verdict;
      });
      this.inFlight.set(entry, call);
      const forget = () => this.inFlight.get(entry) === call && this.inFlight.delete(entry);
      call.then(forget, forget);
    }
    return call;
  }

  evictKey(keyId: string): void {
    this.evictWhere((verdict) => verdict.key_id === keyId);
  }

  evictOwner(ownerId: string): void {
    this.evictWhere((verdict) => verdict.owner_id === ownerId);
  }

  clear(): void {
    this.generation += 1;
    this.inFlight.clear();
    this.verdicts.clear();
  }

  /** A scan of at most maxEntries: changes are rare next to verifications. */
  private evictWhere(stale: (verdict: Verdict) => boolean): void {
    this.generation += 1;
    this.inFlight.clear();
    for (const [entry, { verdict }] of this.verdicts.entries()) {
      if (stale(verdict)) this.verdicts.delete(entry);
    }
  }

  private store(entry: string, verdict: Verdict): void {
    const ttlMs = Math.min(
      verdict.key_id ? this.config.ttlMs() : this.config.unnamedTtlMs,
      this.config.ttlMs(),
      verdict.ratelimit ? verdict.ratelimit.reset * 1000 : Infinity,
    );
    if (ttlMs <= 0) return;
    this.verdicts.set(entry, { verdict, storedAt: this.clock.now() }, { ttl: ttlMs });
  }

  /** The stored verdict, its window's reset counted down to now (whole seconds, at least 1). */
  private reuse(stored: StoredVerdict | undefined): Verdict | undefined {
    if (!stored) return undefined;
    const { verdict, storedAt } = stored;
    const { ratelimit } = verdict;
    if (!ratelimit) return verdict;
    const elapsedS = (this.clock.now() - storedAt) / 1000;
    const reset = Math.max(1, Math.ceil(ratelimit.reset - elapsedS));
    return { ...verdict, ratelimit: { ...ratelimit, reset } };
  }
}

export function cacheKey({ key, scopes, ip }: VerifyRequest): string {
  const keyHash = hash('sha256', key, 'hex');
  return `${keyHash} ${[...scopes].sort().join(',')} ${ip ?? ''}`;
}
