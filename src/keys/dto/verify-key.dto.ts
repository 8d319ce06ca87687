import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIP, IsOptional, IsString, Length } from 'class-validator';
import { MAX_IP_CHARS, MaxChars } from '../../common/bounds';
import { IsOptionalScopeList } from '../../common/validators';

export class VerifyKeyDto {
  @ApiProperty({
    example: 'lk_9c1e…',
    minLength: 1,
    maxLength: 256,
    description: 'The token a client presented to your service. Malformed tokens are NOT_FOUND.',
  })
  @IsString()
  @Length(1, 256)
  key!: string;

  @ApiPropertyOptional({
    example: ['read:assets'],
    description:
      "Grants the request needs (resource scopes or permissions), all of them: checked against the key's " +
      "effective grants (its scopes within its owner's current role).",
  })
  @IsOptionalScopeList()
  scopes?: string[];

  @ApiPropertyOptional({
    example: '203.0.113.7',
    description:
      "The client's address, checked against the key's `allowed_ips`. Left out: a key with an " +
      'allowlist is IP_NOT_ALLOWED (the address cannot be shown to be allowed); a key without one is unaffected.',
  })
  @MaxChars(MAX_IP_CHARS)
  @IsOptional()
  @IsIP(undefined, { message: 'ip must be an IPv4 or IPv6 address' })
  ip?: string;
}
