import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, IAuthModuleOptions } from '@nestjs/passport';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import { ReadinessService } from '../health/readiness.service';
import { PublicMetadata } from '../permissions/permissions.decorators';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { API_KEY_STRATEGY } from './api-key.strategy';
import type { Principal } from './principal';

/** Request property that holds the authenticated Principal. */
export const PRINCIPAL_PROPERTY = 'principal';

/** Deny by default: every route needs a valid key unless it is @Public(). */
@Injectable()
export class ApiKeyAuthGuard extends AuthGuard(API_KEY_STRATEGY) {
  constructor(
    private readonly reflector: Reflector,
    private readonly readiness: ReadinessService,
    private readonly rateLimit: RateLimitService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride(PublicMetadata, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    if (!this.readiness.isReady) throw ApiError.serviceUnavailable();
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthorized') {
        await this.countAgainstClientAddress(context);
      }
      throw error;
    }
  }

  /**
   * A request without a valid key spends its client address's anonymous
   * budget, so that guessing keys is limited too; once it is spent the
   * answer is 429 instead of 401. A valid key from the same address is
   * counted against its own budget and still works.
   */
  private async countAgainstClientAddress(context: ExecutionContext): Promise<void> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    await this.rateLimit.enforce({ kind: 'ip', ip: request.ip }, http.getResponse<FastifyReply>());
  }

  override getAuthenticateOptions(): IAuthModuleOptions {
    return { session: false, property: PRINCIPAL_PROPERTY };
  }

  override handleRequest<T = Principal>(error: Error | null, principal: T | false): T {
    if (error) throw error;
    if (!principal) throw ApiError.unauthorized();
    return principal;
  }
}
