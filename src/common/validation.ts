import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
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

/** A lone UTF-16 surrogate: JSON can carry one ("\ud800"), text cannot. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Where in a parsed body the first string (value or field name) with a lone
 * surrogate is, e.g. `email` or `tokens[2]`; undefined when there is none.
 * A loop over a stack rather than recursion: no depth exhausts it.
 */
export function illFormedTextAt(body: unknown): string | undefined {
  const pending: { value: unknown; path: string; name?: string }[] = [{ value: body, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, name } = next;
    if (name !== undefined && LONE_SURROGATE.test(name)) return path;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return path;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    // Pushed last field first, so that fields are looked at in order.
    const entries = Object.entries(value as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [field, item] = entries[i];
      const at = Array.isArray(value) ? `${path}[${field}]` : path ? `${path}.${field}` : field;
      pending.push({ value: item, path: at, name: field });
    }
  }
  return undefined;
}

/**
 * Strict input: unknown fields are rejected, payloads are transformed into
 * their DTO classes, and every failure becomes a 400 `validation_failed` that
 * names each offending field.
 *
 * Bodies with a lone surrogate are refused before any field rule runs: no
 * field means anything by one, the databases would store U+FFFD in its
 * place, and some of validator's checks (isEmail) throw on one instead of
 * answering false.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A custom decorator's value (the caller, from @CurrentPrincipal()) is no
    // input: returned as it is, as ValidationPipe would after two more awaits.
    if (metadata.type === 'custom') return value;
    const at = metadata.type === 'body' ? illFormedTextAt(value) : undefined;
    if (at !== undefined) {
      const field = at || 'body';
      throw ApiError.validation(`Invalid request: check ${field}.`, [
        {
          field,
          message: `${field} must be text, without a lone UTF-16 surrogate such as \\ud800`,
        },
      ]);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
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
