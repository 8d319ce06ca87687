import { Controller, Headers, MessageEvent, Sse } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { interval, map, merge, Observable, of, takeUntil } from 'rxjs';
import { EVENT_STREAM } from '../common/security-headers';
import { ApiErrors } from '../common/swagger';
import { Permission } from '../domain/permission';
import { RequirePermissions } from '../permissions/permissions.decorators';
import { ChangesService } from './changes.service';

/** Under the 15 s of SPEC section 9, so that a late timer still keeps a proxy from closing the stream. */
export const HEARTBEAT_MS = 10_000;

const EXAMPLE = [
  ': connected',
  '',
  'id: k3x9q2-41',
  'data: {"type":"key","id":"0d9b7c1e-5a8f-4e57-9d0b-3f6c2a1e8b47"}',
  '',
  'id: k3x9q2-42',
  'data: {"type":"user","id":"6a2f4c90-1b3d-4e8a-b5c7-9d0e1f2a3b4c"}',
  '',
  ':',
  '',
].join('\n');

@ApiTags('keys')
@Controller('keys')
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  @Sse('changes')
  @RouteConfig(EVENT_STREAM)
  @RequirePermissions(Permission.ApiKeysVerify)
  @ApiOperation({
    summary: 'Follow key and user changes (Server-Sent Events)',
    description:
      'For services that cache verdicts: one event per change, by id only, never a token or a hash. ' +
      '`{"type":"key","id":…}` when a key is disabled, enabled, re-scoped, re-tiered, renamed, given ' +
      'another allowlist, regenerated, deleted, cleaned up or reported leaked; `{"type":"user","id":…}` ' +
      "when a user's role, status, name or e-mail changes. Every event has an `id`: reconnect with " +
      '`Last-Event-ID` to get what was missed, or `{"type":"reset"}` first when the server no longer ' +
      'holds it (drop everything cached). A comment line comes at least every 15 s. With REDIS_URL, ' +
      'a change made on any instance reaches the streams of all, and ids hold across instances; ' +
      'while Redis is unreachable the stream ends and reopening it is refused with 503.',
  })
  @ApiHeader({
    name: 'last-event-id',
    required: false,
    description: 'Last-Event-ID: the `id` of the last event received, to resume after it.',
    example: 'k3x9q2-41',
    schema: { type: 'string', maxLength: 64 },
  })
  @ApiResponse({
    status: 200,
    description: 'The stream; it stays open.',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE } },
  })
  @ApiErrors(503)
  follow(@Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    const events = this.changes.stream(lastEventId);
    // The first comment also sends the headers at once, so that a reader knows it is subscribed.
    return merge(
      of({ comment: 'connected' }),
      events.pipe(map((event): MessageEvent => ({ id: event.id, data: event.data }))),
      interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ comment: '' }))),
    ).pipe(takeUntil(this.changes.cutOff$));
  }
}
