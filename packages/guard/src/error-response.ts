import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiError, ErrorBody, ErrorCode } from './api-error';
import { redactTokens } from './redact-tokens';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** Set for failures the client did not cause; they are logged with their stack. */
  unexpected?: unknown;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** Fastify's 415 (a body it has no parser for) says only "Unsupported Media Type". */
const UNSUPPORTED_MEDIA_TYPE =
  'The request body must be JSON, sent with Content-Type: application/json.';

/**
 * Maps anything thrown while serving a request to Latchkey's one error
 * envelope, including Fastify's own errors (malformed JSON, oversized body),
 * which Nest routes through the same filter. `isUnavailable` names the
 * errors that mean a backing service is down (503, not 500).
 */
export function toErrorResponse(
  exception: unknown,
  isUnavailable: (exception: unknown) => boolean = () => false,
): ErrorResponse {
  const response = errorResponseOf(exception, isUnavailable);
  return { ...response, body: withoutTokens(response.body) };
}

/**
 * Messages and details echo input (a path, a field name, a scope), so
 * anything shaped like a token is masked in them, as in the logs.
 */
function withoutTokens({ error }: ErrorBody): ErrorBody {
  const details = error.details?.map(({ field, message }) => ({
    field: redactTokens(field),
    message: redactTokens(message),
  }));
  return { error: { ...error, message: redactTokens(error.message), ...(details && { details }) } };
}

function errorResponseOf(
  exception: unknown,
  isUnavailable: (exception: unknown) => boolean,
): ErrorResponse {
  if (exception instanceof ApiError) {
    return { status: exception.getStatus(), body: exception.toBody(), headers: exception.headers };
  }
  if (isUnavailable(exception)) {
    const error = ApiError.serviceUnavailable('The database is unreachable; retry shortly.');
    return { status: error.getStatus(), body: error.toBody(), headers: error.headers };
  }
  const status = statusOf(exception);
  if (status === 401) {
    // Passport's AuthGuard throws a bare UnauthorizedException: answer it as every other 401.
    const error = ApiError.unauthorized();
    return { status, body: error.toBody(), headers: error.headers };
  }
  if (status === undefined || status >= 500) {
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        error: { status: 500, code: 'internal_error', message: 'Internal server error.' },
      },
      headers: {},
      unexpected: exception,
    };
  }
  const code = CODE_BY_STATUS[status] ?? (status === 400 ? 'validation_failed' : 'forbidden');
  const message = status === 415 ? UNSUPPORTED_MEDIA_TYPE : messageOf(exception);
  return {
    status,
    body: { error: { status, code, message } },
    headers: {},
  };
}

function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  // Fastify's errors carry their status as `statusCode`.
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 ? statusCode : undefined;
}

function messageOf(exception: unknown): string {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return exception instanceof Error ? exception.message : 'Request failed.';
}
