import { HttpException, HttpStatus } from '@nestjs/common';

/** The `code` values of the error envelope (SPEC section 6). */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'insufficient_scope'
  | 'ip_not_allowed'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'key_limit_reached'
  | 'payload_too_large'
  | 'headers_too_large'
  | 'request_timeout'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal_error'
  | 'service_unavailable';

export interface ErrorDetail {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: { status: number; code: ErrorCode; message: string; details?: ErrorDetail[] };
}

/** An error that the client should see as it is: status, code, message and details. */
export class ApiError extends HttpException {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  readonly headers: Record<string, string>;

  constructor(
    status: HttpStatus,
    code: ErrorCode,
    message: string,
    details?: ErrorDetail[],
    headers: Record<string, string> = {},
  ) {
    // Made without a stack trace: an ApiError is an answer for the client and
    // is never logged with one, and capturing it through Nest's call chain
    // made refused keys markedly dearer (BENCHMARKS.md). Errors Latchkey did
    // not mean keep their stacks.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message, status);
    Error.stackTraceLimit = stackTraceLimit;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = {
      status: this.getStatus(),
      code: this.code,
      message: this.message,
    };
    if (this.details?.length) error.details = this.details;
    return { error };
  }

  static unauthorized(): ApiError {
    return new ApiError(
      HttpStatus.UNAUTHORIZED,
      'unauthorized',
      'A valid API key is required: send it as "Authorization: Bearer <key>" or "X-Api-Key: <key>".',
      undefined,
      { 'WWW-Authenticate': 'Bearer' },
    );
  }

  static serviceUnavailable(
    message = 'The service is starting or its database is unreachable; retry shortly.',
    details?: ErrorDetail[],
  ): ApiError {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'service_unavailable', message, details, {
      'Retry-After': '5',
    });
  }

  /** 403 `ip_not_allowed`: the key has an allowlist and `ip` is outside it. */
  static ipNotAllowed(ip: string): ApiError {
    return new ApiError(
      HttpStatus.FORBIDDEN,
      'ip_not_allowed',
      `This key may not be used from ${ip}.`,
    );
  }

  static notFound(what: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'not_found', `${what} not found.`);
  }

  static forbidden(message: string): ApiError {
    return new ApiError(HttpStatus.FORBIDDEN, 'forbidden', message);
  }

  static conflict(message: string, code: 'conflict' | 'key_limit_reached' = 'conflict'): ApiError {
    return new ApiError(HttpStatus.CONFLICT, code, message);
  }

  static validation(message: string, details?: ErrorDetail[]): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, 'validation_failed', message, details);
  }
}
