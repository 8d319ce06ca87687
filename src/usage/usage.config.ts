import { configNamespace } from '../config/namespace';

export const usageConfig = configNamespace('usage', (env) => ({
  writeIntervalS: env.USAGE_WRITE_INTERVAL_S,
  retentionDays: env.USAGE_RETENTION_DAYS,
}));
