import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEnum, IsString, Length } from 'class-validator';
import { KeyStatus, KeyTier } from '../../domain/key-tier';
import {
  IsOptionalAllowlist,
  IsOptionalScopeList,
  IsPrintableText,
  NormalizeText,
  NotNullWhenPresent,
} from '../../common/validators';

/** What PATCH may change. `expires_at` is deliberately absent: expiry changes by regenerating. */
export class UpdateKeyDto {
  @ApiPropertyOptional({
    example: 'ci-deploy-2',
    minLength: 1,
    maxLength: 128,
    description: 'As on create: trimmed, NFC, no control or invisible characters.',
  })
  @NotNullWhenPresent()
  @NormalizeText()
  @IsString()
  @Length(1, 128)
  @IsPrintableText()
  name?: string;

  @ApiPropertyOptional({
    example: 'active',
    enum: KeyStatus,
    description: '`inactive` switches the key off at once.',
  })
  @NotNullWhenPresent()
  @IsEnum(KeyStatus)
  status?: KeyStatus;

  @ApiPropertyOptional({ example: ['read:assets', 'read:scans'] })
  @IsOptionalScopeList({ nullable: false })
  scopes?: string[];

  @ApiPropertyOptional({
    example: 'standard',
    enum: KeyTier,
    description: 'Changed by admins only (403 otherwise).',
  })
  @NotNullWhenPresent()
  @IsEnum(KeyTier)
  tier?: KeyTier;

  @ApiPropertyOptional({
    example: ['203.0.113.0/24'],
    description:
      'Empty: any address. No spaces or leading zeros (`1.2.3.4/8`, not `1.2.3.4/08`). ' +
      '`::/0` admits IPv6 clients only; `::ffff:0:0/96`, like `0.0.0.0/0`, every IPv4 client.',
  })
  @IsOptionalAllowlist({ nullable: false })
  allowed_ips?: string[];

  /** Present only to explain the refusal: expiry changes by regenerating. */
  @ApiHideProperty()
  @Equals(undefined, {
    message:
      'expires_at cannot be changed here; regenerate the key with a new expiry (POST /api/v1/keys/{id}/regenerate)',
  })
  expires_at?: never;
}
