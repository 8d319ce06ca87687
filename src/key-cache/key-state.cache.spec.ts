import { EventEmitter } from 'node:events';
import type { MetricsService } from '../metrics/metrics.service';
import type { RateLimitRedis } from '../rate-limit/rate-limit-redis';
import { CachedKey, KeyStateCache } from './key-state.cache';

const key = { id: 'k1' } as CachedKey;

/** A Redis subscriber double: its status and the events the cache listens to. */
class FakeSubscriber extends EventEmitter {
  status = 'connecting';
  subscribe = jest.fn().mockResolvedValue(1);
  disconnect = jest.fn();
}

function cacheWith(
  config: { ttlS: number; maxEntries: number },
  redis: Partial<RateLimitRedis> = {},
): KeyStateCache {
  const metrics = { recordKeyCacheLookup: jest.fn() } as unknown as MetricsService;
  const cache = new KeyStateCache(config, redis as RateLimitRedis, metrics);
  cache.onModuleInit();
  return cache;
}

const on = { ttlS: 60, maxEntries: 10 };

describe('KeyStateCache', () => {
  it('caches a key on its second read, then answers from memory', async () => {
    const cache = cacheWith(on);
    const read = jest.fn().mockResolvedValue(key);
    for (let i = 0; i < 4; i++) expect(await cache.getOrRead('h', read)).toBe(key);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps a key in use while more keys than it holds are read once each (a scan)', async () => {
    const cache = cacheWith(on);
    const readInUse = jest.fn().mockResolvedValue(key);
    await cache.getOrRead('in-use', readInUse);
    await cache.getOrRead('in-use', readInUse);
    readInUse.mockClear();
    const readOnce = jest.fn().mockResolvedValue({ id: 'other' });
    for (let i = 0; i < 3 * on.maxEntries; i++) await cache.getOrRead(`h${i}`, readOnce);
    expect(await cache.getOrRead('in-use', readInUse)).toBe(key);
    expect(readInUse).not.toHaveBeenCalled();
  });

  it('never caches an unknown token', async () => {
    const cache = cacheWith(on);
    const read = jest.fn().mockResolvedValue(null);
    await cache.getOrRead('h', read);
    await cache.getOrRead('h', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reads again after an invalidation, and caches a key in use again at once', async () => {
    const cache = cacheWith(on);
    const read = jest.fn().mockResolvedValue(key);
    await cache.getOrRead('h', read);
    await cache.getOrRead('h', read);
    await cache.invalidate();
    await cache.getOrRead('h', read);
    await cache.getOrRead('h', read);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('does not keep a read that began before an invalidation', async () => {
    const cache = cacheWith(on);
    await cache.getOrRead('h', () => Promise.resolve(key)); // read once: the next read would be kept
    let finishRead!: (value: CachedKey) => void;
    const slowRead = () => new Promise<CachedKey>((resolve) => (finishRead = resolve));
    const pending = cache.getOrRead('h', slowRead);
    await cache.invalidate(); // a change committed while the old state was being read
    finishRead(key);
    await pending;
    const read = jest.fn().mockResolvedValue(key);
    await cache.getOrRead('h', read);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a TTL of 0', { ttlS: 0, maxEntries: 10 }],
    ['no entries', { ttlS: 60, maxEntries: 0 }],
  ])('is off with %s', async (_, config) => {
    const cache = cacheWith(config);
    const read = jest.fn().mockResolvedValue(key);
    for (let i = 0; i < 3; i++) await cache.getOrRead('h', read);
    expect(read).toHaveBeenCalledTimes(3);
  });

  describe('with Redis', () => {
    const setUp = () => {
      const subscriber = new FakeSubscriber();
      const client = {
        options: { keyPrefix: 'p:' },
        duplicate: () => subscriber,
        publish: jest.fn().mockResolvedValue(1),
      };
      const cache = cacheWith(on, { client } as unknown as Partial<RateLimitRedis>);
      return { cache, subscriber, client };
    };

    it('subscribes under the key prefix and announces its own changes there', async () => {
      const { cache, subscriber, client } = setUp();
      expect(subscriber.subscribe).toHaveBeenCalledWith('p:latchkey:key-cache:invalidate');
      await cache.invalidate();
      expect(client.publish).toHaveBeenCalledWith('p:latchkey:key-cache:invalidate', '1');
    });

    it('bypasses the cache until subscribed, and drops it on every message', async () => {
      const { cache, subscriber } = setUp();
      const read = jest.fn().mockResolvedValue(key);
      await cache.getOrRead('h', read);
      await cache.getOrRead('h', read);
      expect(read).toHaveBeenCalledTimes(2);

      subscriber.status = 'ready';
      subscriber.emit('ready');
      for (let i = 0; i < 3; i++) await cache.getOrRead('h', read);
      expect(read).toHaveBeenCalledTimes(4);

      subscriber.emit('message', 'p:latchkey:key-cache:invalidate', '1');
      await cache.getOrRead('h', read);
      expect(read).toHaveBeenCalledTimes(5);
    });

    it('bypasses the cache while the subscription is down, and starts afresh after', async () => {
      const { cache, subscriber } = setUp();
      subscriber.status = 'ready';
      const read = jest.fn().mockResolvedValue(key);
      await cache.getOrRead('h', read);
      await cache.getOrRead('h', read); // cached from here on

      subscriber.status = 'reconnecting';
      subscriber.emit('close');
      await cache.getOrRead('h', read);
      expect(read).toHaveBeenCalledTimes(3);

      subscriber.status = 'ready';
      subscriber.emit('ready');
      await cache.getOrRead('h', read);
      await cache.getOrRead('h', read);
      expect(read).toHaveBeenCalledTimes(4);
    });
  });
});
