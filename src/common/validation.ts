import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, ErrorDetail } from './api-error';

/** Flattens class-validator's tree into `{field: "a.b[0]", message}` pairs. */
export function toErrorDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? `unknown field "${field}"; remove it` : message,
    }));
    return [...own, ...toErrorDetails(error.children ?? [], field)];
  });
}

/**
 * Strict input: unknown fields are rejected, payloads are transformed into
 * their DTO classes, and every failure becomes a 400 `validation_failed` that
 * names each offending field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = toErrorDetails(errors);
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return ApiError.validation(`Invalid request: check ${fields}.`, details);
    },
  });
}
