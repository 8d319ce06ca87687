import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDataResponse } from '../common/swagger';
import { PermissionsService } from '../permissions/permissions.service';
import { RequireKey } from '../permissions/permissions.decorators';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { MeResponseDto } from './dto/me-response.dto';
import type { Principal } from '../domain/principal';

@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(private readonly permissions: PermissionsService) {}

  @Get()
  @RequireKey()
  @ApiOperation({
    summary: 'The caller: its user, role, key and effective grants',
    description: 'Any valid key: who it belongs to and what it may do now.',
  })
  @ApiDataResponse(MeResponseDto)
  me(@CurrentPrincipal() principal: Principal): { data: MeResponseDto } {
    const { user, key } = principal;
    return {
      data: {
        user: { id: user.id, name: user.name, role: user.role },
        key: {
          id: key.id,
          name: key.name,
          masked_key: key.maskedKey,
          tier: key.tier,
          scopes: key.scopes,
          expires_at: key.expiresAt?.toISOString() ?? null,
        },
        grants: this.permissions.grantsOf(principal),
      },
    };
  }
}
