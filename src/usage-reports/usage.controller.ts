import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import type { Principal } from '../domain/principal';
import { Page, toPage } from '../common/pagination';
import { ApiDataResponse, ApiErrors, ApiPageResponse } from '../common/swagger';
import { UuidParam } from '../common/uuid-param';
import { Permission } from '../domain/permission';
import { RequirePermissions } from '../permissions/permissions.decorators';
import {
  KeysUsageQueryDto,
  KeyUsageDto,
  KeyUsageQueryDto,
  MAX_USAGE_KEYS,
  KeyUsageTotalsDto,
  ListUsageQueryDto,
} from './dto/usage.dto';
import { UsageService } from './usage.service';

@ApiTags('keys')
@Controller()
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('keys/usage')
  @RequirePermissions(Permission.ApiKeysRead)
  @ApiOperation({
    summary: 'Several keys’ requests per hour or day, by outcome',
    description:
      `The series of \`GET /keys/{id}/usage\` for 1 to ${MAX_USAGE_KEYS} keys at once, in the order of \`ids\` ` +
      '(e.g. the keys of a page of `GET /keys`, for a chart per row). Needs `api_keys.read`; a key the caller ' +
      'may not see is a 404, as for one key. Same ranges and defaults as for one key.',
  })
  @ApiDataResponse(KeyUsageDto, 200, 'OK', MAX_USAGE_KEYS)
  @ApiErrors(400, 404)
  async keysUsage(
    @Query() query: KeysUsageQueryDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<{ data: KeyUsageDto[] }> {
    return { data: await this.usage.keysSeries(caller, query.ids.split(','), query) };
  }

  @Get('keys/:id/usage')
  @RequirePermissions(Permission.ApiKeysRead)
  @ApiOperation({
    summary: "A key's requests per hour or day, by outcome",
    description:
      "Needs `api_keys.read`; another user's key is a 404 unless the role acts on all users. " +
      'Without `from`: the last day (hours) or 30 days (days); at most 31 days of hours or 366 of days. ' +
      'Counts reach the database at most `USAGE_WRITE_INTERVAL_S` after the request.',
  })
  @ApiDataResponse(KeyUsageDto)
  @ApiErrors(400, 404)
  async keyUsage(
    @UuidParam() id: string,
    @Query() query: KeyUsageQueryDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<{ data: KeyUsageDto }> {
    return { data: await this.usage.keySeries(caller, id, query) };
  }

  @Get('usage')
  @RequirePermissions(Permission.ApiKeysRead)
  @ApiOperation({
    summary: "Every key's request totals over a range (admins)",
    description:
      'Needs `api_keys.read` and the admin role (403 otherwise). Keys with no request in the range are left out. ' +
      'Without `from`: the last 30 days; at most 366 days.',
  })
  @ApiPageResponse(KeyUsageTotalsDto)
  @ApiErrors(400)
  async list(
    @Query() query: ListUsageQueryDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<Page<KeyUsageTotalsDto>> {
    const { totals, total } = await this.usage.totals(caller, query);
    return toPage(totals, total, query);
  }
}
