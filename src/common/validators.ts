import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  registerDecorator,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';
import {
  EachMaxChars,
  MAX_ALLOWLIST_ENTRIES,
  MAX_IP_CHARS,
  MAX_SCOPE_CHARS,
  MAX_SCOPES,
  MaxItems,
} from './bounds';
import { isValidAllowlistEntry } from '../domain/ip-allowlist';

/**
 * Trims strings and puts them in Unicode's composed form (NFC), so that
 * "é" typed as one character or as e + combining accent is one name, both
 * for uniqueness and as stored. Leaves other types for the type validators.
 */
export const NormalizeText = ({ trim = true } = {}) =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (trim ? value.trim() : value).normalize('NFC') : value,
  );

/**
 * Characters no name may hold: controls (NUL, ESC, newline, tab…), the
 * invisible format characters (zero-width space and joiners, bidirectional
 * marks, overrides and isolates such as U+202E, the byte-order mark, soft
 * hyphen) and the line and paragraph separators. They hide or reorder what
 * a name shows in a terminal, a log or the console.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** The first UNPRINTABLE character of `text`, as `U+202E`; undefined when there is none. */
export function unprintableCharacterIn(text: string): string | undefined {
  const found = UNPRINTABLE.exec(text)?.[0];
  return found && `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text without UNPRINTABLE characters; other types are left to the type validators. */
export function IsPrintableText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPrintableText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: ({ property, value }) =>
          `${property} must not contain control, invisible or bidirectional-control characters ` +
          `(found ${unprintableCharacterIn(String(value))})`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || unprintableCharacterIn(value) === undefined,
      },
    });
}

/**
 * Optional, but `null` is rejected: for fields the database cannot leave
 * empty (class-validator's IsOptional would let `null` through to it).
 */
export const NotNullWhenPresent = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

export function IsAllowlistEntry(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAllowlistEntry',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message:
          'each entry must be an IPv4/IPv6 address or CIDR, e.g. 10.0.0.0/8, ' +
          'without spaces or leading zeros',
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidAllowlistEntry(value),
      },
    });
}

export function IsFutureDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isFutureDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be in the future`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && new Date(value).getTime() > Date.now(),
      },
    });
}

/**
 * An optional list of grant names (at most 64): its shape only. Whether each
 * name exists is checked against the configured catalogue by PermissionsService.
 */
export const IsOptionalScopeList = ({ nullable = true } = {}) =>
  applyDecorators(
    nullable ? IsOptional() : NotNullWhenPresent(),
    IsArray(),
    MaxItems(MAX_SCOPES),
    ArrayUnique(),
    IsString({ each: true }),
    EachMaxChars(MAX_SCOPE_CHARS),
  );

/** An optional IP allowlist: at most 100 addresses or CIDRs. */
export const IsOptionalAllowlist = ({ nullable = true } = {}) =>
  applyDecorators(
    nullable ? IsOptional() : NotNullWhenPresent(),
    IsArray(),
    MaxItems(MAX_ALLOWLIST_ENTRIES),
    IsAllowlistEntry({ each: true }),
    EachMaxChars(MAX_IP_CHARS),
  );
