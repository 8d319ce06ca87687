import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MAX_ALLOWLIST_ENTRIES,
  MAX_IP_CHARS,
  MAX_MASKED_KEY_CHARS,
  MAX_NAME_CHARS,
  MAX_SCOPE_CHARS,
  MAX_SCOPES,
  MAX_TOKEN_CHARS,
} from '../../common/bounds';
import { KeyStatus, KeyTier } from '../../domain/key-tier';

/** A key's scopes in a response, bounded as the requests that set them are. */
export const SCOPES_BOUNDS = {
  maxItems: MAX_SCOPES,
  items: { type: 'string', maxLength: MAX_SCOPE_CHARS },
} as const;

/** A key's `expires_at` in a response: ISO 8601, or null for never. */
export const ApiExpiresAt = (required = true) =>
  (required ? ApiProperty : ApiPropertyOptional)({
    example: '2027-01-01T00:00:00.000Z',
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null: never expires.',
  });

export class ApiKeyResponseDto {
  @ApiProperty({ example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b', format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ci-deploy', maxLength: MAX_NAME_CHARS }) name!: string;
  @ApiProperty({ example: 'lk_****3f9a', maxLength: MAX_MASKED_KEY_CHARS }) masked_key!: string;
  @ApiProperty({ example: '2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9', format: 'uuid' })
  owner_id!: string;
  @ApiProperty({ example: ['read:assets'], ...SCOPES_BOUNDS }) scopes!: string[];
  @ApiProperty({ example: 'standard', enum: KeyTier }) tier!: KeyTier;
  @ApiProperty({ example: 'active', enum: KeyStatus }) status!: KeyStatus;
  @ApiProperty({
    example: null,
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When a leak report switched the key off; null: never reported. ' +
      'Such a key is switched on again only by regenerating it, which clears this.',
  })
  leaked_at!: string | null;
  @ApiProperty({
    example: false,
    description:
      'True for the root key (current or revoked by a rotation): it is managed through its key file, ' +
      'and changing, regenerating or deleting it here is a 409.',
  })
  is_root!: boolean;
  @ApiExpiresAt()
  expires_at!: string | null;
  @ApiProperty({ example: false, description: 'True once expires_at has passed.' })
  expired!: boolean;
  @ApiProperty({
    example: [],
    maxItems: MAX_ALLOWLIST_ENTRIES,
    items: { type: 'string', maxLength: MAX_IP_CHARS },
  })
  allowed_ips!: string[];
  @ApiProperty({ example: '2026-01-15T09:30:00.000Z', format: 'date-time' }) created_at!: string;
  @ApiProperty({ example: '2026-02-01T16:45:00.000Z', format: 'date-time' }) updated_at!: string;
  @ApiProperty({
    example: '2026-02-03T08:12:44.000Z',
    type: String,
    format: 'date-time',
    nullable: true,
  })
  last_used!: string | null;
  @ApiProperty({ example: '203.0.113.7', type: String, nullable: true, maxLength: MAX_IP_CHARS })
  last_used_ip!: string | null;
}

/** DELETE's body, kept from the seed (SPEC section 6): not wrapped in `data`. */
export class KeyRevokedResponseDto {
  @ApiProperty({ enum: ['success'], example: 'success' }) status!: 'success';
  @ApiProperty({ example: 'API key revoked.', maxLength: 64 }) message!: string;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({
    example: 'lk_9c1e…',
    maxLength: MAX_TOKEN_CHARS,
    description: 'The token. Shown only in this response; store it now.',
  })
  key!: string;
}
