import { Subject } from 'rxjs';
import type { Change, Reset } from '../changes/change';
import type { ChangesService } from '../changes/changes.service';
import type { MetricsService } from '../metrics/metrics.service';
import { CachedKey, KeyStateCache } from './key-state.cache';

const keyOf = (id: string, ownerId = 'u1') => ({ id, ownerId }) as CachedKey;
const key = keyOf('k1');

/** The bus as the cache sees it: the changes it hears, and whether it hears them all. */
class FakeChanges {
  readonly changed$ = new Subject<Change | Reset>();
  isLive = true;
}

function cacheWith(config: { ttlS: number; maxEntries: number }, changes = new FakeChanges()) {
  const lookups: boolean[] = [];
  const metrics = { recordKeyCacheLookup: (hit: boolean) => lookups.push(hit) };
  const cache = new KeyStateCache(
    config,
    changes as unknown as ChangesService,
    metrics as unknown as MetricsService,
  );
  cache.onModuleInit();
  return { cache, changes, lookups };
}

const on = { ttlS: 60, maxEntries: 10 };

/** Reads `hash` twice, so that it is cached from then on. */
async function cache2(cache: KeyStateCache, hash: string, value: CachedKey): Promise<void> {
  await cache.getOrRead(hash, () => Promise.resolve(value));
  await cache.getOrRead(hash, () => Promise.resolve(value));
}

describe('KeyStateCache', () => {
  it('caches a key on its second read, then answers from memory', async () => {
    const { cache, lookups } = cacheWith(on);
    const read = jest.fn().mockResolvedValue(key);
    for (let i = 0; i < 4; i++) expect(await cache.getOrRead('h', read)).toBe(key);
    expect(read).toHaveBeenCalledTimes(2);
    expect(lookups).toEqual([false, false, true, true]);
  });

  it('keeps a key in use while more keys than it holds are read once each (a scan)', async () => {
    const { cache } = cacheWith(on);
    await cache2(cache, 'in-use', key);
    const readOnce = jest.fn().mockResolvedValue(keyOf('other'));
    for (let i = 0; i < 3 * on.maxEntries; i++) await cache.getOrRead(`h${i}`, readOnce);
    const readInUse = jest.fn().mockResolvedValue(key);
    expect(await cache.getOrRead('in-use', readInUse)).toBe(key);
    expect(readInUse).not.toHaveBeenCalled();
  });

  it("remembers a token that is no key's on its second read, not its first", async () => {
    const { cache, lookups } = cacheWith(on);
    const read = jest.fn().mockResolvedValue(null);
    for (let i = 0; i < 4; i++) expect(await cache.getOrRead('h', read)).toBeNull();
    expect(read).toHaveBeenCalledTimes(2);
    expect(lookups).toEqual([false, false, true, true]);
    // A guess tried once is never kept.
    await cache.getOrRead('guess', read);
    expect(await cache.getOrRead('h', read)).toBeNull();
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('keeps the keys in use however many unknown tokens are retried', async () => {
    const { cache } = cacheWith(on);
    await cache2(cache, 'in-use', key);
    const unknown = jest.fn().mockResolvedValue(null);
    for (let i = 0; i < 3 * on.maxEntries; i++) {
      await cache.getOrRead(`u${i}`, unknown);
      await cache.getOrRead(`u${i}`, unknown);
    }
    const readInUse = jest.fn().mockResolvedValue(key);
    expect(await cache.getOrRead('in-use', readInUse)).toBe(key);
    expect(readInUse).not.toHaveBeenCalled();
  });

  it.each([
    ['a key change', { type: 'key', id: 'k9' }, 1],
    ['a reset', { type: 'reset' }, 1],
    ['a user change', { type: 'user', id: 'u1' }, 0],
  ] as const)('forgets unknown tokens on %s', async (_, change, reads) => {
    const { cache, changes } = cacheWith(on);
    await cache.getOrRead('h', () => Promise.resolve(null));
    await cache.getOrRead('h', () => Promise.resolve(null));
    changes.changed$.next(change);
    // The key just made could in theory be this token's: read it again.
    const read = jest.fn().mockResolvedValue(key);
    const found = await cache.getOrRead('h', read);
    expect(read).toHaveBeenCalledTimes(reads);
    expect(found).toBe(reads ? key : null);
  });

  it("evicts a changed key's every token, and keeps the other keys", async () => {
    const { cache, changes } = cacheWith(on);
    await cache2(cache, 'current', key);
    await cache2(cache, 'previous', key); // its grace-period token
    await cache2(cache, 'other', keyOf('k2'));
    changes.changed$.next({ type: 'key', id: 'k1' });
    const read = jest.fn().mockResolvedValue(key);
    await cache.getOrRead('current', read);
    await cache.getOrRead('previous', read);
    await cache.getOrRead('other', read);
    expect(read).toHaveBeenCalledTimes(2);
    // A key in use is cached again on its first read after the change.
    await cache.getOrRead('current', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("evicts a changed user's keys, and keeps the other users' keys", async () => {
    const { cache, changes } = cacheWith(on);
    await cache2(cache, 'a', keyOf('k1', 'u1'));
    await cache2(cache, 'b', keyOf('k2', 'u1'));
    await cache2(cache, 'c', keyOf('k3', 'u2'));
    changes.changed$.next({ type: 'user', id: 'u1' });
    const read = jest.fn().mockResolvedValue(key);
    for (const hash of ['a', 'b', 'c']) await cache.getOrRead(hash, read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('empties itself on a reset', async () => {
    const { cache, changes } = cacheWith(on);
    await cache2(cache, 'a', keyOf('k1'));
    await cache2(cache, 'b', keyOf('k2'));
    changes.changed$.next({ type: 'reset' });
    const read = jest.fn().mockResolvedValue(key);
    await cache.getOrRead('a', read);
    await cache.getOrRead('b', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('does not keep a read that began before a change', async () => {
    const { cache, changes } = cacheWith(on);
    await cache.getOrRead('h', () => Promise.resolve(key)); // read once: the next read would be kept
    let finishRead!: (value: CachedKey) => void;
    const slowRead = () => new Promise<CachedKey>((resolve) => (finishRead = resolve));
    const pending = cache.getOrRead('h', slowRead);
    changes.changed$.next({ type: 'key', id: 'k1' }); // committed while the old state was being read
    finishRead(key);
    await pending;
    const read = jest.fn().mockResolvedValue(key);
    await cache.getOrRead('h', read);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('is bypassed while the bus is not live', async () => {
    const { cache, changes, lookups } = cacheWith(on);
    await cache2(cache, 'h', key);
    changes.isLive = false;
    const read = jest.fn().mockResolvedValue(key);
    await cache.getOrRead('h', read);
    expect(read).toHaveBeenCalledTimes(1);
    expect(lookups).toEqual([false, false]); // no lookup counted while bypassed
  });

  it.each([
    ['a TTL of 0', { ttlS: 0, maxEntries: 10 }],
    ['no entries', { ttlS: 60, maxEntries: 0 }],
  ])('is off with %s', async (_, config) => {
    const { cache } = cacheWith(config);
    const read = jest.fn().mockResolvedValue(key);
    for (let i = 0; i < 3; i++) await cache.getOrRead('h', read);
    expect(read).toHaveBeenCalledTimes(3);
  });
});
