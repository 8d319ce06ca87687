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
} from '../../common/bounds';
import { isValidAllowlistEntry } from '../ip-allowlist';

/** Trims strings; leaves other types for the type validators to reject. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

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
        message: 'each entry must be an IPv4/IPv6 address or CIDR, e.g. 10.0.0.0/8',
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
