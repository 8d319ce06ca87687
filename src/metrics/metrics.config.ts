import { configNamespace } from '../config/namespace';

/** The separate /metrics listener; no port, no listener. */
export const metricsConfig = configNamespace('metrics', (env) => ({
  port: env.METRICS_PORT,
  host: env.METRICS_HOST,
}));
