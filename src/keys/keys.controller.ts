import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import type { Principal } from '../domain/principal';
import { UuidParam } from '../common/uuid-param';
import { Page, toPage } from '../common/pagination';
import { ApiDataResponse, ApiErrors, ApiPageResponse } from '../common/swagger';
import { Permission } from '../domain/permission';
import { Public, RequirePermissions } from '../permissions/permissions.decorators';
import {
  ApiKeyResponseDto,
  CreatedApiKeyResponseDto,
  KeyRevokedResponseDto,
} from './dto/api-key-response.dto';
import {
  CleanupCountsDto,
  CleanupCountsQueryDto,
  CleanupKeysDto,
  CleanupResultDto,
  CleanupScopeQueryDto,
} from './dto/cleanup.dto';
import { CreateKeyDto } from './dto/create-key.dto';
import { ListKeysQueryDto } from './dto/list-keys-query.dto';
import { RegenerateKeyDto } from './dto/regenerate-key.dto';
import { ReportLeakDto, ReportLeakResultDto } from './dto/report-leak.dto';
import { UpdateKeyDto } from './dto/update-key.dto';
import { RateLimitPerIp } from '../rate-limit/rate-limit.decorator';
import { KeyCleanupService } from './key-cleanup.service';
import { KeyCreationService } from './key-creation.service';
import { presentKey } from './key.presenter';
import { KeysService } from './keys.service';

@ApiTags('keys')
@Controller('keys')
export class KeysController {
  constructor(
    private readonly keys: KeysService,
    private readonly creation: KeyCreationService,
    private readonly cleanupService: KeyCleanupService,
  ) {}

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
    const { key, token } = await this.creation.createFor(caller, dto, request.ip);
    return { data: { ...presentKey(key), key: token } };
  }

  @Get()
  @RequirePermissions(Permission.ApiKeysRead)
  @ApiOperation({
    summary: 'List keys',
    description: "Your own keys; admins see every user's, or one user's with `owner_id`.",
  })
  @ApiPageResponse(ApiKeyResponseDto)
  @ApiErrors(400)
  async list(
    @Query() query: ListKeysQueryDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<Page<ApiKeyResponseDto>> {
    const { keys, total } = await this.keys.list(caller, query);
    return toPage(
      keys.map((key) => presentKey(key)),
      total,
      query,
    );
  }

  @Get('cleanup')
  @RequirePermissions(Permission.ApiKeysRead)
  @ApiOperation({
    summary: 'Count the keys a clean-up would delete',
    description:
      'Needs `api_keys.read`: counts the expired and inactive keys (and with `unused_days` the unused ones) a clean-up would delete, deleting none.',
  })
  @ApiDataResponse(CleanupCountsDto)
  @ApiErrors(400)
  async cleanupCounts(
    @Query() query: CleanupCountsQueryDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<{ data: CleanupCountsDto }> {
    return { data: await this.cleanupService.counts(caller, query.owner_id, query.unused_days) };
  }

  @Post('cleanup')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.ApiKeysDelete)
  @ApiOperation({
    summary: 'Delete expired, inactive and/or unused keys',
    description:
      '`expired_and_inactive` deletes keys that are both, and stands alone; ' +
      '`unused_days` deletes keys with no successful use in that many days. Permanent.',
  })
  @ApiDataResponse(CleanupResultDto)
  @ApiErrors(400)
  async cleanup(
    @Body() dto: CleanupKeysDto,
    @Query() query: CleanupScopeQueryDto,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
  ): Promise<{ data: CleanupResultDto }> {
    return {
      data: { deleted: await this.cleanupService.cleanup(caller, dto, query.owner_id, request.ip) },
    };
  }

  @Post('report-leak')
  @Public()
  @RateLimitPerIp()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Report leaked tokens',
    description:
      'Anyone who finds a token in the open can switch its key off. The answer never says which tokens matched.',
  })
  @ApiDataResponse(ReportLeakResultDto, 202, 'Received.')
  @ApiErrors(400, 429)
  async reportLeak(
    @Body() dto: ReportLeakDto,
    @Req() request: FastifyRequest,
  ): Promise<{ data: ReportLeakResultDto }> {
    await this.keys.reportLeak(dto.tokens, request.ip);
    return { data: { received: dto.tokens.length } };
  }

  @Get(':id')
  @RequirePermissions(Permission.ApiKeysRead)
  @ApiOperation({
    summary: 'Get one key (never its token)',
    description:
      "Needs `api_keys.read`; another user's key is a 404 unless the role acts on all users.",
  })
  @ApiDataResponse(ApiKeyResponseDto)
  @ApiErrors(400, 404)
  async get(
    @UuidParam() id: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<{ data: ApiKeyResponseDto }> {
    return { data: presentKey(await this.keys.get(caller, id)) };
  }

  @Patch(':id')
  @RequirePermissions(Permission.ApiKeysWrite)
  @ApiOperation({
    summary: 'Rename, enable or disable, re-scope, re-tier or re-fence a key',
    description:
      '`expires_at` cannot be changed here (400): regenerate the key with a new expiry. ' +
      'Switching a disabled key back on needs every grant of the key, as to create it (403 otherwise).',
  })
  @ApiDataResponse(ApiKeyResponseDto)
  @ApiErrors(400, 404, 409)
  async update(
    @UuidParam() id: string,
    @Body() dto: UpdateKeyDto,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
  ): Promise<{ data: ApiKeyResponseDto }> {
    return { data: presentKey(await this.keys.update(caller, id, dto, request.ip)) };
  }

  @Post(':id/regenerate')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.ApiKeysWrite)
  @ApiOperation({
    summary: "Replace a key's token",
    description:
      'Same id, new token in `key` (shown once). The old token fails at once or after `grace_period_s`. ' +
      'The caller must hold every grant of the key, as to create it (403 otherwise).',
  })
  // Every field has a default, so a request without a body regenerates too.
  @ApiBody({ type: RegenerateKeyDto, required: false })
  @ApiDataResponse(CreatedApiKeyResponseDto, 200, 'The key with its new token in `key`.')
  @ApiErrors(400, 404, 409)
  async regenerate(
    @UuidParam() id: string,
    @Body() dto: RegenerateKeyDto,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
  ): Promise<{ data: CreatedApiKeyResponseDto }> {
    const { key, token } = await this.keys.regenerate(caller, id, dto, request.ip);
    return { data: { ...presentKey(key), key: token } };
  }

  @Delete(':id')
  @RequirePermissions(Permission.ApiKeysDelete)
  @ApiOperation({
    summary: 'Delete a key; its token fails at once',
    description: 'Needs `api_keys.delete`. The root key is managed through its key file (409).',
  })
  @ApiOkResponse({ type: KeyRevokedResponseDto, description: 'Revoked.' })
  @ApiErrors(400, 404, 409)
  async remove(
    @UuidParam() id: string,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
  ): Promise<KeyRevokedResponseDto> {
    await this.keys.remove(caller, id, request.ip);
    return { status: 'success', message: 'API key revoked.' };
  }
}
