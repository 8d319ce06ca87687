import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { accessRuleOf } from '../permissions/access-rule';
import { RateLimitPerIpMetadata } from './rate-limit.decorator';
import { RateLimitService } from './rate-limit.service';
import { subjectOfContext } from './rate-limit-subject';

/**
 * Runs after authentication: a request with a valid key counts against the
 * key's tier budget, read from the request's principal each time so that a
 * tier change applies at the next request. Public routes are not limited
 * unless they carry @RateLimitPerIp(). Requests whose key is missing or
 * invalid never get here: the authentication guard counts them per address.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly rateLimit: RateLimitService,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const isPublic =
      accessRuleOf(this.reflector, context.getHandler(), context.getClass())?.isPublic ?? false;
    const perIp =
      this.reflector.getAllAndOverride(RateLimitPerIpMetadata, [
        context.getHandler(),
        context.getClass(),
      ]) ?? false;
    return Promise.resolve(isPublic && !perIp);
  }

  /** The throttler has resolved this subject's limit and window; count and answer. */
  protected override async handleRequest({
    context,
    limit,
    ttl,
  }: ThrottlerRequest): Promise<boolean> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    await this.rateLimit.enforce(subjectOfContext(context), reply, limit, ttl);
    return true;
  }
}
