import { ApiProperty } from '@nestjs/swagger';
import { KeyTier } from '../../keys/api-key.entity';
import { Role } from '../../permissions/permission';

class MeUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'root' }) name!: string;
  @ApiProperty({ enum: Role }) role!: Role;
}

class MeKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'root' }) name!: string;
  @ApiProperty({ example: 'lk_****3f9a' }) masked_key!: string;
  @ApiProperty({ enum: KeyTier }) tier!: KeyTier;
  @ApiProperty({ example: ['admin'] }) scopes!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expires_at!: string | null;
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
