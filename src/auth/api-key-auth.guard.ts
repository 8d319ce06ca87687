import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import { ApiError } from '../common/api-error';
import { ReadinessService } from '../health/readiness.service';
import { MetricsService } from '../metrics/metrics.service';
import { accessRuleOf } from '../permissions/access-rule';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { ApiKeyStrategy } from './api-key.strategy';
import type { Principal } from './principal';

/** Request property that holds the authenticated Principal. */
export const PRINCIPAL_PROPERTY = 'principal';

/**
 * Deny by default: every route needs a valid key unless it is @Public().
 *
 * It hands Passport this application's strategy instance rather than a
 * strategy name: `@nestjs/passport`'s AuthGuard looks names up in Passport's
 * process-wide registry, where the last application created wins, so two
 * Latchkey applications in one process (tests, an embedding service) would
 * authenticate against each other's database.
 */
@Injectable()
export class ApiKeyAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly readiness: ReadinessService,
    private readonly strategy: ApiKeyStrategy,
    private readonly rateLimit: RateLimitService,
    private readonly metrics: MetricsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(this.reflector, context.getHandler(), context.getClass());
    if (rule?.isPublic) return true;
    if (!this.readiness.isReady) throw ApiError.serviceUnavailable();

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { [PRINCIPAL_PROPERTY]?: Principal }>();
    const reply = http.getResponse<FastifyReply>();
    const principal = await this.authenticate(request, reply);
    this.metrics.recordAuthentication(principal !== false);
    if (!principal) {
      await this.countAgainstClientAddress(request, reply);
      throw ApiError.unauthorized();
    }
    request[PRINCIPAL_PROPERTY] = principal;
    return true;
  }

  /**
   * A request without a valid key spends its client address's anonymous
   * budget, so that guessing keys is limited too; once it is spent the
   * answer is 429 instead of 401. A valid key from the same address is
   * counted against its own budget and still works.
   */
  private async countAgainstClientAddress(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    await this.rateLimit.enforce({ kind: 'ip', ip: request.ip }, reply);
  }

  private authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal | false> {
    return new Promise((resolve, reject) => {
      // Passport sets its success/fail callbacks on the strategy object it is
      // given: each request needs its own, or concurrent requests overwrite
      // each other's and some never answer.
      const strategyForThisRequest = Object.create(this.strategy) as ApiKeyStrategy;
      const middleware = passport.authenticate(
        strategyForThisRequest,
        { session: false },
        (error: Error | null, principal: Principal | false) =>
          error ? reject(error) : resolve(principal),
      ) as (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
      middleware(request, reply, reject);
    });
  }
}
