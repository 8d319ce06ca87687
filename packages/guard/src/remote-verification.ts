import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Perf } from 'lru-cache';
import { CachedKeyVerifier } from './cached-key-verifier';
import { ChangeStream } from './change-stream';
import type { KeyVerifier, Verdict, VerifyRequest } from './key-verifier';
import {
  DEFAULT_CACHE_MAX_ENTRIES,
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_CONNECTIONS,
  DEFAULT_FALLBACK_CACHE_TTL_MS,
  DEFAULT_TIMEOUT_MS,
  type RemoteGuardOptions,
} from './latchkey-guard.options';
import { RemoteKeyVerifier } from './remote-key-verifier';

/**
 * Remote mode put together: pooled calls to Latchkey, the verdict cache in
 * front of them, and the change stream that keeps the cache honest. Verdicts
 * live `cacheTtlMs` while the stream is up, `fallbackCacheTtlMs` otherwise.
 */
export class RemoteVerification
  implements KeyVerifier, OnApplicationBootstrap, OnApplicationShutdown
{
  readonly changes?: ChangeStream;
  private readonly remote: RemoteKeyVerifier;
  private readonly cache: CachedKeyVerifier;

  /** `clock`: the cache's time source (tests give their own). */
  constructor(options: Omit<RemoteGuardOptions, 'errorFilter'>, clock?: Perf) {
    if (!options.serviceKey) throw new Error('LatchkeyGuardModule: serviceKey is required');
    const ttlMs = wholeMs(options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS, 'cacheTtlMs');
    const fallbackMs = Math.min(
      ttlMs,
      wholeMs(options.fallbackCacheTtlMs ?? DEFAULT_FALLBACK_CACHE_TTL_MS, 'fallbackCacheTtlMs'),
    );
    this.remote = new RemoteKeyVerifier({
      url: options.url,
      serviceKey: options.serviceKey,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      connections: options.connections ?? DEFAULT_CONNECTIONS,
    });
    this.cache = new CachedKeyVerifier(this.remote, {
      ttlMs: () => (this.changes?.up ? ttlMs : fallbackMs),
      unnamedTtlMs: fallbackMs,
      maxEntries: options.cacheMaxEntries ?? DEFAULT_CACHE_MAX_ENTRIES,
      clock,
    });
    if (options.changeStream !== false && ttlMs > 0) {
      this.changes = new ChangeStream(
        { url: options.url, serviceKey: options.serviceKey },
        this.cache,
      );
    }
  }

  verify(request: VerifyRequest): Promise<Verdict> {
    return this.cache.verify(request);
  }

  cached(request: VerifyRequest): Verdict | undefined {
    return this.cache.cached(request);
  }

  onApplicationBootstrap(): void {
    this.changes?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.changes?.close(), this.remote.close()]);
  }
}

/** A cache time: a whole number of milliseconds, 0 or more. */
export function wholeMs(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`LatchkeyGuardModule: ${name} must be a whole number of milliseconds ≥ 0`);
  }
  return value;
}
