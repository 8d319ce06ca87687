import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { ApiError } from '../common/api-error';
import { ApiDataResponse, ApiErrors } from '../common/swagger';
import { DatabaseService } from '../database/database.service';
import { Public } from '../permissions/permissions.decorators';
import { RateLimitRedis } from '../rate-limit/rate-limit-redis';
import { ReadinessService } from './readiness.service';

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
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessService,
    private readonly database: DatabaseService,
    private readonly rateLimitRedis: RateLimitRedis,
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
    const reachable = await this.rateLimitRedis.isReachable();
    if (reachable === undefined) return undefined;
    const indicator = this.indicators.check('redis');
    return reachable
      ? indicator.up()
      : indicator.down({ message: 'unreachable: requests are not rate-limited' });
  }

  private async databaseReachable(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('database');
    try {
      await this.database.ping();
      return indicator.up();
    } catch {
      return indicator.down({ message: 'unreachable' });
    }
  }
}
