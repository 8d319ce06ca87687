import { DEFAULT_KEY_CACHE_TTL_S } from '../config/environment';
import { configNamespace } from '../config/namespace';

export const keyCacheConfig = configNamespace('keyCache', (env) => {
  // Without Redis, instances sharing a MySQL/MariaDB database cannot tell
  // each other of changes: the cache stays off there unless the operator
  // accepts KEY_CACHE_TTL_S of staleness. One SQLite file has one instance.
  const everyInstanceIsTold = !env.DATABASE_URL || Boolean(env.REDIS_URL);
  return {
    ttlS: env.KEY_CACHE_TTL_S ?? (everyInstanceIsTold ? DEFAULT_KEY_CACHE_TTL_S : 0),
    maxEntries: env.KEY_CACHE_MAX_ENTRIES,
  };
});
