import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { perRoute } from '../common/per-route';
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
 *
 * Not a ThrottlerGuard: that resolves five decorators and a key hash per
 * request for options Latchkey never sets; the counting itself is the
 * throttler storage's, through RateLimitService.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly isUnlimited = perRoute((handler, controller) => {
    const isPublic = accessRuleOf(handler, controller)?.isPublic ?? false;
    const perIp = this.reflector.getAllAndOverride(RateLimitPerIpMetadata, [handler, controller]);
    return isPublic && !perIp;
  });

  constructor(
    private readonly reflector: Reflector,
    private readonly rateLimit: RateLimitService,
  ) {}

  /** `true` at once on an unlimited route, or one counted in memory, without a promise. */
  canActivate(context: ExecutionContext): true | Promise<true> {
    if (this.isUnlimited(context.getHandler(), context.getClass())) return true;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const counted = this.rateLimit.enforce(subjectOfContext(context), reply);
    return counted instanceof Promise ? counted.then(() => true) : true;
  }
}
