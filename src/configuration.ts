import { appConfig } from './config/app.config';
import type { ConfigNamespace } from './config/namespace';
import { databaseConfig } from './database/database.config';
import { keyCacheConfig } from './key-cache/key-cache.config';
import { keysConfig } from './keys/keys.config';
import { metricsConfig } from './metrics/metrics.config';
import { scopesConfig } from './permissions/scopes.config';
import { rateLimitConfig } from './rate-limit/rate-limit.config';
import { redisConfig } from './redis/redis.config';
import { usageConfig } from './usage/usage.config';

/**
 * Every module's configuration namespace, each declared beside its module
 * and built from the one validated environment (see configureApp).
 */
export const CONFIG_NAMESPACES: readonly ConfigNamespace[] = [
  appConfig,
  databaseConfig,
  keysConfig,
  keyCacheConfig,
  scopesConfig,
  rateLimitConfig,
  redisConfig,
  metricsConfig,
  usageConfig,
];
