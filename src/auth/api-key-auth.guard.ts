import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, IAuthModuleOptions } from '@nestjs/passport';
import { ApiError } from '../common/api-error';
import { ReadinessService } from '../health/readiness.service';
import { accessRuleOf } from '../permissions/access-rule';
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
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(this.reflector, context.getHandler(), context.getClass());
    if (rule?.isPublic) return true;
    if (!this.readiness.isReady) throw ApiError.serviceUnavailable();
    return (await super.canActivate(context)) as boolean;
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
