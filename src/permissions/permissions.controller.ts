import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDataResponse } from '../common/swagger';
import { RoleResponseDto, ScopeCatalogueResponseDto } from './dto/catalogue-response.dto';
import { actsOnAllUsers, describeRole } from './grants';
import { ADMIN_SCOPE, ALL_PERMISSIONS, ALL_ROLES, Permission } from '../domain/permission';
import { RequireKey, RequirePermissions } from './permissions.decorators';
import { PermissionsService } from './permissions.service';

/** What can be granted: the roles, the resource scopes and the permissions. */
@ApiTags('permissions')
@Controller()
export class PermissionsController {
  constructor(private readonly permissions: PermissionsService) {}

  @Get('roles')
  @RequirePermissions(Permission.UsersRead)
  @ApiOperation({
    summary: 'The built-in roles with the permissions and scopes each grants',
    description: 'Needs `users.read`: what each role grants.',
  })
  @ApiDataResponse(RoleResponseDto, 200, 'Every role.', ALL_ROLES.length)
  roles(): { data: RoleResponseDto[] } {
    return {
      data: ALL_ROLES.map((role) => ({
        name: role,
        ...describeRole(role, this.permissions.scopeCatalogue),
        acts_on_all_users: actsOnAllUsers(role),
      })),
    };
  }

  @Get('scopes')
  @RequireKey()
  @ApiOperation({
    summary: 'The resource-scope catalogue and the permissions a key may hold',
    description: "Any valid key may read it: the names a key's `scopes` may hold.",
  })
  @ApiDataResponse(ScopeCatalogueResponseDto)
  scopes(): { data: ScopeCatalogueResponseDto } {
    return {
      data: {
        scopes: [...this.permissions.scopeCatalogue],
        permissions: [...ALL_PERMISSIONS],
        admin_scope: ADMIN_SCOPE,
      },
    };
  }
}
