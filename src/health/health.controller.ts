import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../common/api-error';
import { ApiDataResponse, ApiErrors } from '../common/swagger';
import { DatabaseService } from '../database/database.service';
import { Public } from '../permissions/permissions.decorators';
import { RedisConnection } from '../redis/redis-connection';
import { ReadinessService } from './readiness.service';

/** How long a health check waits for the database's answer to a ping. */
const HEALTH_PING_WAIT_MS = 1000;

class HealthDto {
  @ApiProperty({ example: 'ok', maxLength: 16 }) status!: string;
  @ApiProperty({
    example: { startup: { status: 'up' }, database: { status: 'up' }, redis: { status: 'up' } },
    description: '`redis` only when REDIS_URL is set.',
  })
  checks!: Record<string, { status: string; message?: string }>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  /** The database ping in flight, shared by the health checks waiting for it. */
  private ping?: Promise<'up' | 'unreachable'>;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessService,
    private readonly database: DatabaseService,
    private readonly redis: RedisConnection,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Liveness and readiness: 200 when the service can serve keys',
    description:
      'With REDIS_URL set, `checks.redis` reports Redis; Redis being down does not make this a 503, since requests are then served without rate limits.',
  })
  @ApiDataResponse(HealthDto)
  @ApiErrors(503)
  async check(): Promise<{ data: HealthDto }> {
    try {
      const result = await this.health.check([
        () => this.startup(),
        () => this.databaseReachable(),
      ]);
      const checks = { ...result.details, ...(await this.redisReachable()) };
      return { data: { status: result.status, checks } };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const { error: down = {} } = error.getResponse() as {
        error?: Record<string, { message?: string }>;
      };
      throw ApiError.serviceUnavailable(`Not ready: ${Object.keys(down).join(', ')} down.`, [
        ...Object.entries(down).map(([field, info]) => ({
          field,
          message: info.message ?? 'down',
        })),
      ]);
    }
  }

  private startup(): HealthIndicatorResult {
    const indicator = this.indicators.check('startup');
    return this.readiness.isReady ? indicator.up() : indicator.down({ message: 'starting' });
  }

  /**
   * Reported, but not a reason for 503: without Redis the service fails open
   * (serves without rate limits), and a load balancer that took every
   * instance out because of Redis would turn that into a full outage.
   */
  private async redisReachable(): Promise<HealthIndicatorResult | undefined> {
    const reachable = await this.redis.isReachable();
    if (reachable === undefined) return undefined;
    const indicator = this.indicators.check('redis');
    return reachable
      ? indicator.up()
      : indicator.down({ message: 'unreachable: requests are not rate-limited' });
  }

  /**
   * One ping at a time, however many health checks arrive, and each check
   * waits at most HEALTH_PING_WAIT_MS for it: a stalled database makes health
   * say so at once rather than hold the load balancer's probe.
   */
  private async databaseReachable(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('database');
    this.ping ??= this.database
      .ping()
      .then(
        () => 'up' as const,
        () => 'unreachable' as const,
      )
      .finally(() => (this.ping = undefined));
    const waited = new AbortController();
    const outcome = await Promise.race([
      this.ping,
      sleep(HEALTH_PING_WAIT_MS, 'not answering' as const, { signal: waited.signal }),
    ]).finally(() => waited.abort());
    return outcome === 'up' ? indicator.up() : indicator.down({ message: outcome });
  }
}
