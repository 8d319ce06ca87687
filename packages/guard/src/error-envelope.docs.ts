import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The security schemes' names in the OpenAPI document: `Authorization: Bearer` and `X-Api-Key`. */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';

class ErrorDetailDto {
  @ApiProperty({ example: 'name' }) field!: string;
  @ApiProperty({ example: 'name must be shorter than or equal to 128 characters' })
  message!: string;
}

class ErrorPayloadDto {
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'validation_failed', maxLength: 64 }) code!: string;
  @ApiProperty({ example: 'Invalid request: check name.' }) message!: string;
  @ApiPropertyOptional({
    type: [ErrorDetailDto],
    example: [{ field: 'name', message: 'name must be shorter than or equal to 128 characters' }],
  })
  details?: ErrorDetailDto[];
}

export class ErrorResponseDto {
  @ApiProperty({ type: ErrorPayloadDto }) error!: ErrorPayloadDto;
}

export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: '`validation_failed`: the body, query or path is invalid; `details` names each field.',
  401: '`unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked.',
  403: '`forbidden`, `insufficient_scope` or `ip_not_allowed`.',
  404: '`not_found`.',
  409: '`conflict` (name taken) or `key_limit_reached`.',
  415: '`unsupported_media_type`: the body is not sent as `Content-Type: application/json`.',
  429: '`rate_limited`: see `Retry-After`.',
  500: '`internal_error`: a fault of the service, logged; the body says nothing more.',
  503: '`service_unavailable`: starting up or the database is unreachable.',
};

export const ERROR_EXAMPLES: Record<number, ErrorPayloadDto> = {
  400: {
    status: 400,
    code: 'validation_failed',
    message: 'Invalid request: check name.',
    details: [{ field: 'name', message: 'name must be shorter than or equal to 128 characters' }],
  },
  401: {
    status: 401,
    code: 'unauthorized',
    message:
      'A valid API key is required: send it as "Authorization: Bearer <key>" or "X-Api-Key: <key>".',
  },
  403: { status: 403, code: 'forbidden', message: 'This key lacks the permission api_keys.write.' },
  404: { status: 404, code: 'not_found', message: 'API key not found.' },
  409: { status: 409, code: 'conflict', message: 'You already have a key with this name.' },
  415: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'The request body must be JSON, sent with Content-Type: application/json.',
  },
  429: { status: 429, code: 'rate_limited', message: 'Rate limit exceeded: retry in 42 s.' },
  500: { status: 500, code: 'internal_error', message: 'Internal server error.' },
  503: {
    status: 503,
    code: 'service_unavailable',
    message: 'The service is starting or its database is unreachable; retry shortly.',
  },
};

const errorResponse = (status: number) => ({
  status,
  description: ERROR_DESCRIPTIONS[status],
  type: ErrorResponseDto,
  example: { error: ERROR_EXAMPLES[status] },
});

/** Documents error responses in the one envelope of SPEC section 6. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse(errorResponse(status))));
}
