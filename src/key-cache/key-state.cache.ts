import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { LRUCache } from 'lru-cache';
import type { Subscription } from 'rxjs';
import type { Change, Reset } from '../changes/change';
import { ChangesService } from '../changes/changes.service';
import type { KeyMatch } from '../keys/key-access';
import { MetricsService } from '../metrics/metrics.service';
import { keyCacheConfig } from './key-cache.config';

/** A key as read for authentication, with its owner; shared, so never to be changed. */
export type CachedKey = Readonly<KeyMatch['key']>;

/**
 * Recently read key state (a key and its owner) by token hash, so that a key
 * in use is not read from the database on every request.
 *
 * Revocation stays immediate: a change to a key or user, here or (through
 * Redis) on another instance, evicts only that key's or that user's entries;
 * while the change bus is not live the cache is bypassed, and a reset empties
 * it, as does a gap in the changes' numbering. KEY_CACHE_TTL_S bounds only
 * what no change announces: a row changed by hand in the database.
 *
 * A key is cached on its second read (a TinyLFU-style doorkeeper): with more
 * keys in turn than entries, admitting every read churns the LRU into V8's
 * old generation without a single hit (BENCHMARKS.md, memory).
 *
 * A token that belongs to no key is remembered too, on its second read, in
 * a tenth as many entries of its own: a client retrying a deleted key's
 * token stops costing a read a request, while one-off guesses never enter
 * and cannot push the keys in use out. Tokens are drawn at random when a key
 * is made, so an unknown one does not become a key's later; every key change
 * forgets them all the same.
 */
@Injectable()
export class KeyStateCache implements OnModuleInit, OnApplicationShutdown {
  private readonly entries?: LRUCache<string, CachedKey>;
  /** Hashes read and found to belong to no key. */
  private readonly absent?: LRUCache<string, true>;
  /** The hashes cached per key id and per owner id, to evict a change's entries only. */
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly keysReadOnce: Doorkeeper;
  private readonly absentReadOnce: Doorkeeper;
  /** Bumped by every eviction, so that a read that began before it is not cached. */
  private generation = 0;
  private subscription?: Subscription;

  constructor(
    @Inject(keyCacheConfig.KEY) config: ConfigType<typeof keyCacheConfig>,
    private readonly changes: ChangesService,
    private readonly metrics: MetricsService,
  ) {
    const absentMax = Math.ceil(config.maxEntries / 10);
    if (config.ttlS > 0 && config.maxEntries > 0) {
      this.entries = new LRUCache({
        max: config.maxEntries,
        ttl: config.ttlS * 1000,
        dispose: (value, hash) => this.unindex(value, hash),
      });
      this.absent = new LRUCache({ max: absentMax, ttl: config.ttlS * 1000 });
    }
    this.keysReadOnce = new Doorkeeper(config.maxEntries);
    this.absentReadOnce = new Doorkeeper(absentMax);
  }

  onModuleInit(): void {
    if (this.entries) this.subscription = this.changes.changed$.subscribe((c) => this.evict(c));
  }

  /** Not before: a key changed while the server drains must still be evicted. */
  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  get isUsable(): boolean {
    return this.entries !== undefined && this.changes.isLive;
  }

  /**
   * The cached key for `hash` (null: known to be no key's), at once;
   * otherwise a promise of what `read` returns. A hit costs no promise: it
   * is most requests.
   */
  getOrRead(
    hash: string,
    read: () => Promise<CachedKey | null>,
  ): CachedKey | null | Promise<CachedKey | null> {
    if (!this.isUsable) return read();
    const cached = this.entries!.get(hash) ?? (this.absent!.has(hash) ? null : undefined);
    this.metrics.recordKeyCacheLookup(cached !== undefined);
    return cached !== undefined ? cached : this.readAndCache(hash, read);
  }

  private async readAndCache(
    hash: string,
    read: () => Promise<CachedKey | null>,
  ): Promise<CachedKey | null> {
    const generation = this.generation;
    const value = await read();
    if (generation !== this.generation || !this.isUsable) return value;
    if (!value) {
      if (this.absentReadOnce.admits(hash)) this.absent!.set(hash, true);
    } else if (this.keysReadOnce.admits(hash)) {
      this.entries!.set(hash, value);
      index(this.byKey, value.id, hash);
      index(this.byOwner, value.ownerId, hash);
    }
    return value;
  }

  /** Drops what a change makes stale: one key's entries, a user's keys' entries, or everything. */
  private evict(change: Change | Reset): void {
    this.generation++;
    if (change.type !== 'user') this.absent!.clear();
    if (change.type === 'reset') {
      this.entries!.clear();
      return;
    }
    const hashes = (change.type === 'key' ? this.byKey : this.byOwner).get(change.id);
    for (const hash of [...(hashes ?? [])]) this.entries!.delete(hash);
  }

  private unindex(value: CachedKey, hash: string): void {
    unindex(this.byKey, value.id, hash);
    unindex(this.byOwner, value.ownerId, hash);
  }
}

function index(sets: Map<string, Set<string>>, id: string, hash: string): void {
  const set = sets.get(id);
  if (set) set.add(hash);
  else sets.set(id, new Set([hash]));
}

function unindex(sets: Map<string, Set<string>>, id: string, hash: string): void {
  const set = sets.get(id);
  if (!set?.delete(hash) || set.size > 0) return;
  sets.delete(id);
}

/**
 * Admits a hash on its second read since it was last emptied (at `capacity`
 * hashes). It is kept across evictions: it says which tokens are in use, not
 * what they hold, so a key in use is cached again on its first read after a
 * change.
 */
class Doorkeeper {
  private readonly readOnce = new Set<string>();

  constructor(private readonly capacity: number) {}

  admits(hash: string): boolean {
    if (this.readOnce.has(hash)) return true;
    if (this.readOnce.size >= this.capacity) this.readOnce.clear();
    this.readOnce.add(hash);
    return false;
  }
}
