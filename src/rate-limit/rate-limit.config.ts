import { configNamespace } from '../config/namespace';

export const rateLimitConfig = configNamespace('rateLimit', (env) => ({
  limits: {
    standard: env.RATE_LIMIT_STANDARD,
    premium: env.RATE_LIMIT_PREMIUM,
    enterprise: env.RATE_LIMIT_ENTERPRISE,
  },
  anonymous: env.RATE_LIMIT_ANONYMOUS,
  windowS: env.RATE_LIMIT_WINDOW_S,
  redisUrl: env.REDIS_URL,
}));
