import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  API_KEY_SCHEME,
  ApiErrors,
  BEARER_SCHEME,
  ERROR_DESCRIPTIONS,
  ERROR_EXAMPLES,
  ErrorResponseDto,
} from '@latchkey/guard/shared';
import { MAX_DATE_TIME_CHARS } from './bounds';
import { MAX_PER_PAGE, PageMetaDto } from './pagination';

// The error envelope and the security schemes are documented by the guard
// package, whose decorators put them on Latchkey's routes and its users' alike.
export { API_KEY_SCHEME, ApiErrors, BEARER_SCHEME, ErrorResponseDto };

/**
 * Adds the 415 to every operation that takes a body: bodies are JSON only
 * (acceptOnlyJsonBodies), whatever the route.
 */
export function documentJsonOnlyBodies(document: OpenAPIObject): OpenAPIObject {
  const methods = ['post', 'put', 'patch', 'delete'] as const;
  for (const path of Object.values(document.paths)) {
    for (const operation of methods.map((method) => path[method])) {
      if (!operation?.requestBody) continue;
      operation.responses['415'] = {
        description: ERROR_DESCRIPTIONS[415],
        content: {
          'application/json': {
            schema: { $ref: getSchemaPath(ErrorResponseDto) },
            example: { error: ERROR_EXAMPLES[415] },
          },
        },
      };
    }
  }
  return document;
}

/** Documents a `{"data": <model>}` body, or `{"data": [<model>]}` of at most `maxItems`. */
export function ApiDataResponse(
  model: Type<unknown>,
  status = 200,
  description = 'OK',
  maxItems?: number,
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
        properties: {
          data: maxItems === undefined ? item : { type: 'array', maxItems, items: item },
        },
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
          data: { type: 'array', maxItems: MAX_PER_PAGE, items: { $ref: getSchemaPath(model) } },
          meta: { $ref: getSchemaPath(PageMetaDto) },
        },
      },
    }),
  );
}

type Schema = Record<string, unknown>;

/** Bounds that a string's format implies, true of requests and responses alike. */
const FORMAT_MAX_LENGTH: Record<string, number> = {
  uuid: 36,
  // Responses print toISOString() (24 characters); requests are held to this.
  'date-time': MAX_DATE_TIME_CHARS,
};

function boundFormattedStrings(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(boundFormattedStrings);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Schema;
  const bound = typeof schema.format === 'string' ? FORMAT_MAX_LENGTH[schema.format] : undefined;
  if (schema.type === 'string' && bound !== undefined) schema.maxLength ??= bound;
  Object.values(schema).forEach(boundFormattedStrings);
}

const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': 'The budget of requests in the current window.',
  'X-RateLimit-Remaining': 'Requests left in the current window.',
  'X-RateLimit-Reset': 'Seconds until the current window ends.',
};

/**
 * The rate-limit headers on every answer of a limited operation (those that
 * can answer 429): sent on each counted answer, so not required (503s and
 * `ip_not_allowed` come before counting, and none are sent while Redis is
 * away); a 429 always carries `Retry-After`.
 */
function declareRateLimitHeaders(document: OpenAPIObject): void {
  const integer = (description: string) => ({
    description,
    schema: { type: 'integer', format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  });
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path as Record<string, OperationObject>)) {
      const responses = operation.responses as Record<string, ResponseObject> | undefined;
      if (!responses?.['429']) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (!/^[24]/.test(status)) continue;
        response.headers = {
          ...response.headers,
          ...Object.fromEntries(
            Object.entries(RATE_LIMIT_HEADERS).map(([name, text]) => [name, integer(text)]),
          ),
        };
      }
      responses['429'].headers = {
        ...responses['429'].headers,
        'Retry-After': { ...integer('Seconds until the window ends.'), required: true },
      };
    }
  }
}

/** Any operation may fail with a 500 in the envelope (AllExceptionsFilter). */
function declareInternalErrors(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path as Record<string, OperationObject>)) {
      operation.responses['500'] ??= {
        description: ERROR_DESCRIPTIONS[500],
        content: {
          'application/json': {
            schema: { $ref: getSchemaPath(ErrorResponseDto) },
            example: { error: ERROR_EXAMPLES[500] },
          },
        },
      };
    }
  }
}

/**
 * What the decorators cannot say, added to the generated document: bounds
 * implied by string formats, the rate-limit headers, the 500 answer, and
 * that the server is public (`x-internal: false`): the service's clients
 * call it from anywhere.
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  for (const server of document.servers ?? []) Object.assign(server, { 'x-internal': false });
  boundFormattedStrings(document.components?.schemas);
  boundFormattedStrings(document.paths);
  declareRateLimitHeaders(document);
  declareInternalErrors(document);
  return document;
}
