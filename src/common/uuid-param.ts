import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ApiError } from './api-error';

/**
 * A path parameter that must be a UUID: anything else is a 400 naming the
 * parameter, before any database read (never a 500 or a misleading 404).
 * Also documents the parameter in OpenAPI, so the docs cannot disagree.
 */
export const UuidParam =
  (name = 'id'): ParameterDecorator =>
  (target, method, index) => {
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () =>
          ApiError.validation(`The path parameter ${name} must be a UUID.`, [
            { field: name, message: 'must be a UUID' },
          ]),
      }),
    )(target, method, index);
    const descriptor =
      method === undefined ? undefined : Object.getOwnPropertyDescriptor(target, method);
    if (method !== undefined && descriptor) {
      ApiParam({
        name,
        format: 'uuid',
        example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b',
        description: 'A UUID; anything else is a 400.',
      })(target, method, descriptor);
    }
  };
