import type { Response } from 'supertest';
import { expectError } from './error-envelope';

/** Asserts the X-RateLimit-* headers of a counted response. */
export function expectBudget(response: Response, limit: number, remaining: number): void {
  expect({
    limit: response.headers['x-ratelimit-limit'],
    remaining: response.headers['x-ratelimit-remaining'],
  }).toEqual({ limit: String(limit), remaining: String(remaining) });
  const reset = Number(response.headers['x-ratelimit-reset']);
  expect(reset).toBeGreaterThanOrEqual(1);
  expect(reset).toBeLessThanOrEqual(60);
}

/** Asserts a 429 `rate_limited` with its headers; Retry-After is the window's remaining seconds. */
export function expectRateLimited(response: Response, limit: number): void {
  expectError(response, 429, 'rate_limited');
  expectBudget(response, limit, 0);
  expect(response.headers['retry-after']).toBe(response.headers['x-ratelimit-reset']);
}

export function expectUncounted(response: Response): void {
  expect(response.headers['x-ratelimit-limit']).toBeUndefined();
  expect(response.headers['x-ratelimit-remaining']).toBeUndefined();
}
