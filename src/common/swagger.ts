import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { PageMetaDto } from './pagination';

export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';

class ErrorDetailDto {
  @ApiProperty({ example: 'name' }) field!: string;
  @ApiProperty({ example: 'name must be shorter than or equal to 128 characters' })
  message!: string;
}

class ErrorPayloadDto {
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'validation_failed' }) code!: string;
  @ApiProperty({ example: 'Invalid request: check name.' }) message!: string;
  @ApiPropertyOptional({ type: [ErrorDetailDto] }) details?: ErrorDetailDto[];
}

export class ErrorResponseDto {
  @ApiProperty({ type: ErrorPayloadDto }) error!: ErrorPayloadDto;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: '`validation_failed`: the body, query or path is invalid; `details` names each field.',
  401: '`unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked.',
  403: '`forbidden`, `insufficient_scope` or `ip_not_allowed`.',
  404: '`not_found`.',
  409: '`conflict` (name taken) or `key_limit_reached`.',
  429: '`rate_limited`: see `Retry-After`.',
  503: '`service_unavailable`: starting up or the database is unreachable.',
};

/** Documents error responses in the one envelope of SPEC section 6. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], type: ErrorResponseDto }),
    ),
  );
}

/** Documents a `{"data": <model>}` body, or `{"data": [<model>]}` with `isArray`. */
export function ApiDataResponse(
  model: Type<unknown>,
  status = 200,
  description = 'OK',
  isArray = false,
) {
  const item = { $ref: getSchemaPath(model) };
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status,
      description,
      schema: {
        type: 'object',
        required: ['data'],
        properties: { data: isArray ? { type: 'array', items: item } : item },
      },
    }),
  );
}

/** Documents a `{"data": [<model>], "meta": {total, page, per_page}}` body. */
export function ApiPageResponse(model: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(model, PageMetaDto),
    ApiResponse({
      status: 200,
      description: 'One page of the list.',
      schema: {
        type: 'object',
        required: ['data', 'meta'],
        properties: {
          data: { type: 'array', items: { $ref: getSchemaPath(model) } },
          meta: { $ref: getSchemaPath(PageMetaDto) },
        },
      },
    }),
  );
}
