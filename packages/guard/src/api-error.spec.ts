import { ApiError } from './api-error';

describe('ApiError', () => {
  it('is made without stack frames, and other errors keep theirs', () => {
    const apiError = ApiError.unauthorized();
    expect(apiError.stack).toBe(`ApiError: ${apiError.message}`);
    expect(new Error('unexpected').stack).toMatch(/\n +at /);
  });

  it('keeps its status, code, details and headers', () => {
    const error = new ApiError(429, 'rate_limited', 'Slow down.', [{ field: 'x', message: 'm' }], {
      'Retry-After': '5',
    });
    expect(error.getStatus()).toBe(429);
    expect(error.headers).toEqual({ 'Retry-After': '5' });
    expect(error.toBody()).toEqual({
      error: {
        status: 429,
        code: 'rate_limited',
        message: 'Slow down.',
        details: [{ field: 'x', message: 'm' }],
      },
    });
  });
});
