import { ApiProperty } from '@nestjs/swagger';
import { KeyTier } from '../../domain/key-tier';
import { MAX_MASKED_KEY_CHARS, MAX_NAME_CHARS } from '../../common/bounds';
import { ApiExpiresAt, SCOPES_BOUNDS } from '../../keys/dto/api-key-response.dto';
import { Role } from '../../domain/permission';

class MeUserDto {
  @ApiProperty({ example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b', format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'root', maxLength: MAX_NAME_CHARS }) name!: string;
  @ApiProperty({ example: 'viewer', enum: Role }) role!: Role;
}

class MeKeyDto {
  @ApiProperty({ example: '8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b', format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'root', maxLength: MAX_NAME_CHARS }) name!: string;
  @ApiProperty({ example: 'lk_****3f9a', maxLength: MAX_MASKED_KEY_CHARS }) masked_key!: string;
  @ApiProperty({ example: 'standard', enum: KeyTier }) tier!: KeyTier;
  @ApiProperty({ example: ['admin'], ...SCOPES_BOUNDS }) scopes!: string[];
  @ApiExpiresAt()
  expires_at!: string | null;
}

export class MeResponseDto {
  @ApiProperty({ type: MeUserDto }) user!: MeUserDto;
  @ApiProperty({ type: MeKeyDto }) key!: MeKeyDto;
  @ApiProperty({
    example: ['api_keys.read', 'read:assets'],
    description:
      "Effective permissions and scopes: the key's scopes within the owner's current role.",
  })
  grants!: string[];
}
