import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ApiDataResponse, ApiErrors } from '../common/swagger';
import { Permission } from '../permissions/permission';
import { RequirePermissions } from '../permissions/permissions.decorators';
import { CreatedApiKeyResponseDto } from './dto/api-key-response.dto';
import { CreateKeyDto } from './dto/create-key.dto';
import { presentKey } from './key.presenter';
import { KeysService } from './keys.service';

@ApiTags('keys')
@Controller('keys')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @RequirePermissions(Permission.ApiKeysWrite)
  @ApiOperation({
    summary: 'Create a key',
    description:
      'Returns the token in `key`, once: only its SHA-256 hash and masked form are stored. ' +
      "The key can hold only grants the caller holds, within the owner's role.",
  })
  @ApiDataResponse(CreatedApiKeyResponseDto, 201, 'Created; `key` is the token, shown only here.')
  @ApiErrors(400, 409)
  async create(
    @Body() dto: CreateKeyDto,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
  ): Promise<{ data: CreatedApiKeyResponseDto }> {
    const { key, token } = await this.keys.createFor(caller, dto, request.ip);
    return { data: { ...presentKey(key), key: token } };
  }
}
