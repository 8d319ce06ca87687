import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import {
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { MAX_DATE_TIME_CHARS, MaxChars } from '../../common/bounds';
import { KeyTier } from '../../domain/key-tier';
import {
  IsFutureDate,
  IsOptionalAllowlist,
  IsOptionalScopeList,
  NormalizeText,
  IsPrintableText,
  NotNullWhenPresent,
} from '../../common/validators';

export class CreateKeyDto {
  @ApiProperty({
    example: 'ci-deploy',
    minLength: 1,
    maxLength: 128,
    description:
      'Trimmed and put in Unicode NFC; unique per owner. No control, invisible (zero-width) ' +
      'or bidirectional-control characters.',
  })
  @NormalizeText()
  @IsString()
  @Length(1, 128)
  @IsPrintableText()
  name!: string;

  @ApiPropertyOptional({
    example: ['read:assets'],
    description: 'Resource scopes, permission names (`api_keys.read`…) or `admin`. Default: none.',
  })
  @IsOptionalScopeList()
  scopes?: string[];

  @ApiPropertyOptional({
    example: 'standard',
    enum: KeyTier,
    default: KeyTier.Standard,
    description: 'Set by admins; anyone else may send only `standard` (403 otherwise).',
  })
  @IsOptional()
  @IsEnum(KeyTier)
  tier?: KeyTier;

  @ApiPropertyOptional({
    example: '2027-01-01T00:00:00Z',
    description: 'ISO 8601, in the future. Not with expires_in_days.',
  })
  @MaxChars(MAX_DATE_TIME_CHARS)
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @IsFutureDate()
  expires_at?: string;

  @ApiPropertyOptional({
    example: 90,
    minimum: 1,
    maximum: 3650,
    description: 'Not with expires_at.',
  })
  @NotNullWhenPresent()
  @IsInt()
  @Min(1)
  @Max(3650)
  expires_in_days?: number;

  @ApiPropertyOptional({
    example: ['10.0.0.0/8', '2001:db8::1'],
    description:
      'Empty: any address. No spaces or leading zeros (`1.2.3.4/8`, not `1.2.3.4/08`). ' +
      '`::/0` admits IPv6 clients only; `::ffff:0:0/96`, like `0.0.0.0/0`, every IPv4 client.',
  })
  @IsOptionalAllowlist()
  allowed_ips?: string[];

  @ApiPropertyOptional({
    example: '2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9',
    format: 'uuid',
    description: 'Admins only: create the key for this user.',
  })
  @NotNullWhenPresent()
  @IsUUID()
  owner_id?: string;
}
