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
import { KeyTier } from '../api-key.entity';
import {
  IsFutureDate,
  IsOptionalAllowlist,
  IsOptionalScopeList,
  Trim,
  NotNullWhenPresent,
} from './validators';

export class CreateKeyDto {
  @ApiProperty({
    example: 'ci-deploy',
    minLength: 1,
    maxLength: 128,
    description: 'Trimmed; unique per owner.',
  })
  @Trim()
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiPropertyOptional({
    example: ['read:assets'],
    description: 'Resource scopes, permission names (`api_keys.read`…) or `admin`. Default: none.',
  })
  @IsOptionalScopeList()
  scopes?: string[];

  @ApiPropertyOptional({ example: 'standard', enum: KeyTier, default: KeyTier.Standard })
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
    description: 'Empty: any address.',
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
