import { validateEnvironment } from '../config/environment';
import { keyCacheConfig } from './key-cache.config';

describe('keyCacheConfig', () => {
  const mysql = { DATABASE_URL: 'mysql://db/latchkey' };
  const redis = { REDIS_URL: 'redis://cache:6379' };

  it.each([
    ['SQLite (one instance)', {}, 300],
    ['MySQL with Redis to announce changes', { ...mysql, ...redis }, 300],
    ['MySQL without Redis: off, since other instances cannot be told', mysql, 0],
    ['MySQL without Redis, with a staleness bound chosen', { ...mysql, KEY_CACHE_TTL_S: '5' }, 5],
    ['any database, switched off', { KEY_CACHE_TTL_S: '0' }, 0],
  ])('%s', (_, env, ttlS) => {
    expect(keyCacheConfig(validateEnvironment(env))).toEqual({ ttlS, maxEntries: 10_000 });
  });
});
