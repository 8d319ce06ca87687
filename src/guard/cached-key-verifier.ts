import { LRUCache, type Perf } from 'lru-cache';
import { createHash } from 'node:crypto';
import type { KeyVerifier, Verdict, VerifyRequest } from './key-verifier';

/**
 * Reuses a verdict for `ttlMs` for the same key (by its SHA-256, never the
 * token itself), the same required grants and the same client address, in a
 * bounded LRU. Concurrent misses for one entry share one verification. Only
 * verdicts are cached: a failure to get one is retried on the next request.
 */
export class CachedKeyVerifier implements KeyVerifier {
  private readonly cache: LRUCache<string, Verdict, VerifyRequest>;

  constructor(inner: KeyVerifier, ttlMs: number, maxEntries: number, clock?: Perf) {
    this.cache = new LRUCache<string, Verdict, VerifyRequest>({
      max: maxEntries,
      ttl: ttlMs,
      // Expired entries are never served, even before they are evicted.
      ttlAutopurge: false,
      allowStale: false,
      // Read the clock on every check rather than once per millisecond.
      ttlResolution: 0,
      ...(clock && { perf: clock }),
      fetchMethod: (_key, _stale, { context }) => inner.verify(context),
    });
  }

  async verify(request: VerifyRequest): Promise<Verdict> {
    const verdict = await this.cache.fetch(cacheKey(request), { context: request });
    // fetch() resolves undefined only when fetchMethod does, which ours never does.
    if (!verdict) throw new Error('Key verification returned no verdict.');
    return verdict;
  }
}

export function cacheKey({ key, scopes, ip }: VerifyRequest): string {
  const keyHash = createHash('sha256').update(key).digest('hex');
  return `${keyHash} ${[...scopes].sort().join(',')} ${ip ?? ''}`;
}
