import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiError } from './api-error';

/**
 * A path parameter that must be a UUID: anything else is a 400 naming the
 * parameter, before any database read (never a 500 or a misleading 404).
 */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        ApiError.validation(`The path parameter ${name} must be a UUID.`, [
          { field: name, message: 'must be a UUID' },
        ]),
    }),
  );
