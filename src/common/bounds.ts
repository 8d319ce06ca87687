import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, MaxLength } from 'class-validator';

/*
 * Size limits on request fields, enforced by class-validator and stated in
 * the OpenAPI document by one decorator, so that the two cannot disagree.
 * Put them after (above) a field's type and format checks: with
 * stopAtFirstError, a value of the wrong kind is named by those first.
 */

/** A string of at most `max` characters. */
export const MaxChars = (max: number) =>
  applyDecorators(MaxLength(max), ApiProperty({ maxLength: max }));

/** A list whose every string is at most `max` characters. */
export const EachMaxChars = (max: number) =>
  applyDecorators(
    MaxLength(max, { each: true }),
    ApiProperty({ items: { type: 'string', maxLength: max } }),
  );

/** A list of at most `max` items. */
export const MaxItems = (max: number) =>
  applyDecorators(ArrayMaxSize(max), ApiProperty({ maxItems: max }));

/** A key's token: a KEY_PREFIX of at most 16 characters, then 64 hex digits. */
export const MAX_TOKEN_CHARS = 80;
/** A masked key: the prefix, `****` and the token's last 4 hex digits. */
export const MAX_MASKED_KEY_CHARS = 24;
/** Key and user names (validated as 1-128 characters). */
export const MAX_NAME_CHARS = 128;
/** A key holds at most 64 scopes of at most 64 characters each. */
export const MAX_SCOPES = 64;
export const MAX_SCOPE_CHARS = 64;
/** An allowlist holds at most 100 entries. */
export const MAX_ALLOWLIST_ENTRIES = 100;
/** E-mail addresses (RFC 5321's path limit). */
export const MAX_EMAIL_CHARS = 254;

/** The longest ISO 8601 date-time taken: `2027-01-01T00:00:00.123456789+05:30` is 35. */
export const MAX_DATE_TIME_CHARS = 40;
/** The longest IPv6 text form (`ffff:…:255.255.255.255`), 45, plus a zone id. */
export const MAX_IP_CHARS = 64;
