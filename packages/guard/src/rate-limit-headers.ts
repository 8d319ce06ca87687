import { ApiError } from './api-error';

/** The minimal HTTP reply that headers can be set on (Fastify's reply). */
export interface HeaderSink {
  header(name: string, value: string | number): unknown;
}

/** A key's budget in its window: the most requests, those left, seconds until it resets. */
export interface RateLimitBudget {
  limit: number;
  remaining: number;
  reset: number;
}

/** X-RateLimit-Limit, -Remaining and -Reset (seconds) of SPEC section 5. */
export function setRateLimitHeaders(reply: HeaderSink, budget: RateLimitBudget): void {
  reply.header('X-RateLimit-Limit', budget.limit);
  reply.header('X-RateLimit-Remaining', budget.remaining);
  reply.header('X-RateLimit-Reset', budget.reset);
}

/** 429 `rate_limited` with Retry-After in seconds. */
export function rateLimited(retryAfterS: number): ApiError {
  return new ApiError(
    429,
    'rate_limited',
    `Rate limit exceeded; retry in ${retryAfterS} s.`,
    undefined,
    { 'Retry-After': String(retryAfterS) },
  );
}
