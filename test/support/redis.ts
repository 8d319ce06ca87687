import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';

const DEFAULT_URL = 'redis://127.0.0.1:6379/15';
/** How to start a server the default URL reaches (README, Quick start). */
const START_REDIS = 'redis-server --daemonize yes --save "" --appendonly no';

/** The Redis server the tests use; override with REDIS_TEST_URL. */
export function redisServerUrl(): URL {
  return new URL(process.env.REDIS_TEST_URL || DEFAULT_URL);
}

/**
 * A REDIS_URL for test apps with a key prefix of its own, so that apps of
 * parallel runs never share counters (and nothing needs FLUSHDB). Apps
 * given the same URL share one budget, like instances behind one balancer.
 * `port` points the app at a TcpProxy in front of the server.
 */
export function isolatedRedisUrl(port?: number): string {
  const url = redisServerUrl();
  if (port !== undefined) {
    url.hostname = '127.0.0.1';
    url.port = String(port);
  }
  url.searchParams.set('keyPrefix', `latchkey-test:${randomUUID()}:`);
  return url.toString();
}

/** Fails (never skips) the suite when the Redis server is not there. */
export async function requireRedis(): Promise<void> {
  const url = redisServerUrl();
  const client = new Redis(url.toString(), {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Redis is required by the rate-limit and key-cache tests and is not reachable at ${url.host} ` +
        `(${(error as Error).message}). Start one with '${START_REDIS}' (or 'docker run -d -p 6379:6379 redis:7'), or set REDIS_TEST_URL.`,
    );
  } finally {
    client.disconnect();
  }
}
