import { configNamespace } from '../config/namespace';

export const redisConfig = configNamespace('redis', (env) => ({ url: env.REDIS_URL }));
