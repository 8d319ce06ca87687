import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { MAX_EMAIL_CHARS } from '../../common/bounds';
import { IsPrintableText, NormalizeText, NotNullWhenPresent } from '../../common/validators';
import { Role } from '../../domain/permission';
import { UserStatus } from '../user.entity';

/*
 * The validation of each user field, shared by create and update. Names are
 * lower-case handles and e-mail addresses are lower-cased, so that uniqueness
 * means the same on MariaDB (case-insensitive collation) and SQLite
 * (case-sensitive).
 */

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,127}$/;

export const UserName = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      example: 'billing-service',
      maxLength: 128,
      pattern: NAME_PATTERN.source,
      description: 'Unique. Lower-case letters, digits, `.`, `_` and `-`.',
    }),
    ...(required ? [] : [NotNullWhenPresent()]),
    NormalizeText(),
    IsString(),
    Matches(NAME_PATTERN, {
      message:
        'name must be 1-128 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
    }),
  );

export const UserEmail = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      maxLength: MAX_EMAIL_CHARS,
      example: 'billing@example.com',
      description: 'Unique when set; stored lower-case. `null` clears it.',
    }),
    ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().normalize('NFC').toLowerCase() : value,
    ),
    IsString(),
    MaxLength(MAX_EMAIL_CHARS),
    IsPrintableText(),
    IsEmail({}, { message: 'email must be an e-mail address, e.g. dora@example.com' }),
  );

export const UserRole = (required: boolean) =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      enum: Role,
      example: Role.Viewer,
      description: 'GET /api/v1/roles lists what each role grants.',
    }),
    ...(required ? [] : [NotNullWhenPresent()]),
    IsEnum(Role, { message: `role must be one of: ${Object.values(Role).join(', ')}` }),
  );

export const UserStatusField = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: UserStatus,
      example: UserStatus.Active,
      description: "`disabled` makes every one of the user's keys fail at the next request.",
    }),
    NotNullWhenPresent(),
    IsEnum(UserStatus, { message: 'status must be active or disabled' }),
  );
