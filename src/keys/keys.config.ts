import { configNamespace } from '../config/namespace';

export const keysConfig = configNamespace('keys', (env) => ({
  prefix: env.KEY_PREFIX,
  maxPerUser: env.MAX_KEYS_PER_USER,
  lastUsedWriteIntervalS: env.LAST_USED_WRITE_INTERVAL_S,
}));
