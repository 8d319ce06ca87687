import type { Response } from 'supertest';

/** Asserts the one error shape of SPEC section 6, with no stack trace anywhere. */
export function expectError(response: Response, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
  expect(response.body.error.status).toBe(status);
  expect(typeof response.body.error.message).toBe('string');
  expect(response.body.error.message.length).toBeGreaterThan(0);
  expect(Object.keys(response.body)).toEqual(['error']);
  expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(response.headers['content-type']).toMatch(/application\/json/);
}
