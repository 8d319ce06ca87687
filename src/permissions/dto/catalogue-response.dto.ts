import { ApiProperty } from '@nestjs/swagger';
import { Permission, Role } from '../../domain/permission';

export class RoleResponseDto {
  @ApiProperty({ enum: Role, example: Role.Viewer }) name!: Role;
  @ApiProperty({
    enum: Permission,
    isArray: true,
    maxItems: Object.values(Permission).length,
    example: [Permission.ApiKeysRead],
  })
  permissions!: Permission[];
  @ApiProperty({ example: ['read:assets', 'read:scans'] }) scopes!: string[];
  @ApiProperty({ example: false, description: "Acts on every user's keys, not only its own." })
  acts_on_all_users!: boolean;
}

export class ScopeCatalogueResponseDto {
  @ApiProperty({
    example: ['read:assets', 'write:assets'],
    description: 'Resource scopes (config `SCOPES`).',
  })
  scopes!: string[];
  @ApiProperty({
    example: ['api_keys.read', 'api_keys.write'],
    enum: Permission,
    isArray: true,
    maxItems: Object.values(Permission).length,
    description: 'Management-API permissions.',
  })
  permissions!: Permission[];
  @ApiProperty({
    example: 'admin',
    maxLength: 64,
    description: "The key scope that stands for everything its owner's role grants.",
  })
  admin_scope!: string;
}
