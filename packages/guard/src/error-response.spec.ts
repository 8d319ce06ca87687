import { NotFoundException } from '@nestjs/common';
import { ApiError } from './api-error';
import { toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  const token = `lk_${'c0ffee'.repeat(11)}`;

  it("masks tokens in Nest's and Fastify's messages", () => {
    const { body } = toErrorResponse(new NotFoundException(`Cannot GET /api/v1/nope/${token}`));
    expect(body).toEqual({
      error: { status: 404, code: 'not_found', message: 'Cannot GET /api/v1/nope/lk_[redacted]' },
    });
  });

  it('masks tokens in the message and every detail, in the same shape', () => {
    const error = ApiError.validation(`Invalid request: check ${token}.`, [
      { field: token, message: `unknown field "${token}"; remove it` },
    ]);
    expect(toErrorResponse(error).body).toEqual({
      error: {
        status: 400,
        code: 'validation_failed',
        message: 'Invalid request: check lk_[redacted].',
        details: [{ field: 'lk_[redacted]', message: 'unknown field "lk_[redacted]"; remove it' }],
      },
    });
  });

  it('leaves bodies without details without them', () => {
    expect(Object.keys(toErrorResponse(ApiError.unauthorized()).body.error)).toEqual([
      'status',
      'code',
      'message',
    ]);
  });
});
