import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, toPage } from '../common/pagination';
import { ApiErrors, ApiPageResponse } from '../common/swagger';
import { Permission } from '../domain/permission';
import { RequirePermissions } from '../permissions/permissions.decorators';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';
import { AuditEventDto, ListAuditEventsQueryDto } from './dto/audit-event.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermissions(Permission.AuditRead)
  @ApiOperation({
    summary: 'Key and user lifecycle events, newest first',
    description: 'Needs `audit.read`. Paginated; `action` filters by event name.',
  })
  @ApiPageResponse(AuditEventDto)
  @ApiErrors(400)
  async list(@Query() query: ListAuditEventsQueryDto): Promise<Page<AuditEventDto>> {
    const { events, total } = await this.audit.list(query);
    return toPage(events.map(presentEvent), total, query);
  }
}

function presentEvent(event: AuditEvent): AuditEventDto {
  return {
    id: event.id,
    action: event.action,
    actor_user_id: event.actorUserId,
    actor_key_id: event.actorKeyId,
    target_type: event.targetType,
    target_id: event.targetId,
    ip: event.ip,
    at: event.at.toISOString(),
    details: event.details,
  };
}
