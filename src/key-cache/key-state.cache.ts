import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { keyCacheConfig } from '../config/configuration';
import type { KeyMatch } from '../keys/key-access';
import { MetricsService } from '../metrics/metrics.service';
import { RateLimitRedis } from '../rate-limit/rate-limit-redis';

/** A key as read for authentication, with its owner; shared, so never to be changed. */
export type CachedKey = Readonly<KeyMatch['key']>;

/** Suffix of the Redis pub/sub channel on which instances announce changes. */
const CHANNEL = 'latchkey:key-cache:invalidate';

/**
 * Recently read key state (a key and its owner) by token hash, so that a key
 * in use is not read from the database on every request.
 *
 * Revocation stays immediate: every change to a key or a user empties the
 * cache of this instance (`invalidate()`) and, when REDIS_URL is set, of
 * every instance through a Redis channel. While that channel is not
 * connected the cache is bypassed, since changes made elsewhere could be
 * missed. Entries also expire after KEY_CACHE_TTL_S, a bound on staleness if
 * a message is ever lost. Unknown tokens are not cached: an attacker's
 * guesses never repeat, and would only push out the keys in use.
 *
 * A key is cached on its second read, not its first (a "doorkeeper", as in
 * TinyLFU). When more keys are in turn than the cache holds, an LRU that
 * admits every read never answers a request: each entry is pushed out
 * before its key comes back, after living long enough for V8 to move it to
 * the old generation. With 100,000 keys in turn through 10,000 entries that
 * was three quarters of all the memory promoted, and the heap and RSS grew by
 * hundreds of MB between collections (BENCHMARKS.md). A key in steady use
 * costs one read more per KEY_CACHE_TTL_S.
 */
@Injectable()
export class KeyStateCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('KeyCache');
  private readonly entries?: LRUCache<string, CachedKey>;
  /** Hashes read once since the doorkeeper was last emptied (at `maxEntries` of them). */
  private readonly readOnce = new Set<string>();
  /** Bumped by every invalidation, so that a read that began before it is not cached. */
  private generation = 0;
  private subscriber?: Redis;
  private readonly channel: string;

  constructor(
    @Inject(keyCacheConfig.KEY) config: ConfigType<typeof keyCacheConfig>,
    private readonly redis: RateLimitRedis,
    private readonly metrics: MetricsService,
  ) {
    this.channel = `${redis.client?.options.keyPrefix ?? ''}${CHANNEL}`;
    if (config.ttlS > 0 && config.maxEntries > 0) {
      this.entries = new LRUCache({ max: config.maxEntries, ttl: config.ttlS * 1000 });
    }
  }

  /** Listens for other instances' changes; until it does, the cache is bypassed. */
  onModuleInit(): void {
    if (!this.entries || !this.redis.client) return;
    const subscriber = this.redis.client.duplicate({ enableOfflineQueue: true });
    this.subscriber = subscriber;
    // Messages sent while disconnected are lost: start afresh on every (re)connection.
    subscriber.on('ready', () => this.clear());
    subscriber.on('close', () => this.clear());
    subscriber.on('error', () => undefined); // RateLimitRedis already reports outages.
    subscriber.on('message', () => this.clear());
    subscriber.subscribe(this.channel).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect(false);
  }

  get isUsable(): boolean {
    return this.entries !== undefined && (!this.subscriber || this.subscriber.status === 'ready');
  }

  /** The cached value for `hash`, or what `read` returns (cached unless null). */
  async getOrRead(hash: string, read: () => Promise<CachedKey | null>): Promise<CachedKey | null> {
    if (!this.isUsable) return read();
    const cached = this.entries!.get(hash);
    this.metrics.recordKeyCacheLookup(cached !== undefined);
    if (cached) return cached;
    const generation = this.generation;
    const value = await read();
    if (value && generation === this.generation && this.isUsable && this.admits(hash)) {
      this.entries!.set(hash, value);
    }
    return value;
  }

  /** Call after committing any change to a key or a user. */
  async invalidate(): Promise<void> {
    if (!this.entries) return;
    this.clear();
    if (!this.redis.client) return;
    try {
      await this.redis.client.publish(this.channel, '1');
    } catch (error) {
      // The other instances' subscribers are then most likely cut off too, and bypassing.
      this.logger.warn(
        `Could not tell other instances of a key change: ${(error as Error).message}`,
      );
    }
  }

  /**
   * True for a hash read before since the doorkeeper was last emptied. It is
   * kept across invalidations: it says which keys are in use, not what they
   * hold, so a key in use is cached again on its first read after a change.
   */
  private admits(hash: string): boolean {
    if (this.readOnce.has(hash)) return true;
    if (this.readOnce.size >= this.entries!.max) this.readOnce.clear();
    this.readOnce.add(hash);
    return false;
  }

  private clear(): void {
    this.generation++;
    this.entries?.clear();
  }
}
