import { registerAs } from '@nestjs/config';
import { join, resolve } from 'node:path';
import { DEFAULT_KEY_CACHE_TTL_S, validateEnvironment } from './environment';

/*
 * One namespace per concern, each read from the validated environment when a
 * Nest application is created (not when this file is imported), so that each
 * test app can run with its own variables. Inject with
 * `@Inject(keysConfig.KEY) config: ConfigType<typeof keysConfig>`.
 */

export const appConfig = registerAs('app', () => {
  const env = validateEnvironment();
  const dataDir = resolve(env.DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    apiKeyFile: env.API_KEY_FILE ? resolve(env.API_KEY_FILE) : join(dataDir, '.api_key'),
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = validateEnvironment();
  return {
    url: env.DATABASE_URL,
    sqlitePath: join(resolve(env.DATA_DIR), 'latchkey.sqlite'),
  };
});

export const keysConfig = registerAs('keys', () => {
  const env = validateEnvironment();
  return {
    prefix: env.KEY_PREFIX,
    maxPerUser: env.MAX_KEYS_PER_USER,
    lastUsedWriteIntervalS: env.LAST_USED_WRITE_INTERVAL_S,
  };
});

export const usageConfig = registerAs('usage', () => {
  const env = validateEnvironment();
  return {
    writeIntervalS: env.USAGE_WRITE_INTERVAL_S,
    retentionDays: env.USAGE_RETENTION_DAYS,
  };
});

export const scopesConfig = registerAs('scopes', () => ({
  catalogue: validateEnvironment().SCOPES,
}));

export const rateLimitConfig = registerAs('rateLimit', () => {
  const env = validateEnvironment();
  return {
    limits: {
      standard: env.RATE_LIMIT_STANDARD,
      premium: env.RATE_LIMIT_PREMIUM,
      enterprise: env.RATE_LIMIT_ENTERPRISE,
    },
    anonymous: env.RATE_LIMIT_ANONYMOUS,
    windowS: env.RATE_LIMIT_WINDOW_S,
    redisUrl: env.REDIS_URL,
  };
});

export const redisConfig = registerAs('redis', () => ({ url: validateEnvironment().REDIS_URL }));

export const keyCacheConfig = registerAs('keyCache', () => {
  const env = validateEnvironment();
  // Without Redis, instances sharing a MySQL/MariaDB database cannot tell
  // each other of changes: the cache stays off there unless the operator
  // accepts KEY_CACHE_TTL_S of staleness. One SQLite file has one instance.
  const everyInstanceIsTold = !env.DATABASE_URL || Boolean(env.REDIS_URL);
  return {
    ttlS: env.KEY_CACHE_TTL_S ?? (everyInstanceIsTold ? DEFAULT_KEY_CACHE_TTL_S : 0),
    maxEntries: env.KEY_CACHE_MAX_ENTRIES,
  };
});

export const metricsConfig = registerAs('metrics', () => {
  const env = validateEnvironment();
  return { port: env.METRICS_PORT, host: env.METRICS_HOST };
});
