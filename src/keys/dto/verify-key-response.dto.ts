import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KeyTier } from '../api-key.entity';
import { VERIFICATION_CODES, type VerificationCode } from '../verification-codes';

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
    format: 'uuid',
    description: 'Only for VALID, INSUFFICIENT_SCOPE and RATE_LIMITED.',
  })
  key_id?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only for VALID, INSUFFICIENT_SCOPE and RATE_LIMITED.',
  })
  owner_id?: string;

  @ApiPropertyOptional({
    example: ['read:assets'],
    description: "The key's effective grants: its scopes within its owner's current role.",
  })
  scopes?: string[];

  @ApiPropertyOptional({ enum: KeyTier }) tier?: KeyTier;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  expires_at?: string | null;

  @ApiPropertyOptional({
    type: VerifyRateLimitDto,
    description:
      "The key's budget after this verification; absent while the counters are unreachable.",
  })
  ratelimit?: VerifyRateLimitDto;
}
