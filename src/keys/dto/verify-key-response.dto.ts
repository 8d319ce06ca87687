import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KeyTier } from '../../domain/key-tier';
import { ApiExpiresAt, SCOPES_BOUNDS } from './api-key-response.dto';
import { VERIFICATION_CODES, type VerificationCode } from '../../domain/verification-codes';

export class VerifyRateLimitDto {
  @ApiProperty({ example: 100 }) limit!: number;
  @ApiProperty({ example: 99 }) remaining!: number;
  @ApiProperty({ example: 42, description: 'Seconds until the window resets.' }) reset!: number;
}

export class VerifyKeyResponseDto {
  @ApiProperty({ example: true, description: 'True exactly when `code` is VALID.' })
  valid!: boolean;

  @ApiProperty({ enum: VERIFICATION_CODES, example: 'VALID' }) code!: VerificationCode;

  @ApiPropertyOptional({
    example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b',
    format: 'uuid',
    description: 'Only for VALID, INSUFFICIENT_SCOPE and RATE_LIMITED.',
  })
  key_id?: string;

  @ApiPropertyOptional({
    example: '2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9',
    format: 'uuid',
    description: 'Only for VALID, INSUFFICIENT_SCOPE and RATE_LIMITED.',
  })
  owner_id?: string;

  @ApiPropertyOptional({
    example: ['read:assets'],
    ...SCOPES_BOUNDS,
    description: "The key's effective grants: its scopes within its owner's current role.",
  })
  scopes?: string[];

  @ApiPropertyOptional({ example: 'standard', enum: KeyTier }) tier?: KeyTier;

  @ApiExpiresAt(false)
  expires_at?: string | null;

  @ApiPropertyOptional({
    type: VerifyRateLimitDto,
    description:
      "The key's budget after this verification; absent while the counters are unreachable.",
  })
  ratelimit?: VerifyRateLimitDto;
}
