import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccessGuard } from '../permissions/access.guard';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { ApiKeyAuthGuard } from './api-key-auth.guard';

/**
 * The one global guard, deciding in this order: who is calling, whether its
 * budget allows another request (403s count too), then what it may do. One
 * guard rather than three because Nest awaits each global guard in turn;
 * here a step that has nothing to wait for (a public route, an unlimited
 * one) answers at once, so a public request costs no promise at all.
 */
@Injectable()
export class RequestGuard implements CanActivate {
  constructor(
    private readonly authentication: ApiKeyAuthGuard,
    private readonly rateLimit: RateLimitGuard,
    private readonly access: AccessGuard,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const authenticated = this.authentication.canActivate(context);
    if (authenticated !== true) return authenticated.then(() => this.countAndAuthorize(context));
    return this.countAndAuthorize(context);
  }

  private countAndAuthorize(context: ExecutionContext): boolean | Promise<boolean> {
    const counted = this.rateLimit.canActivate(context);
    if (counted !== true) return counted.then(() => this.access.canActivate(context));
    return this.access.canActivate(context);
  }
}
