import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { accessRuleOf } from './access-rule';
import { missingGrants } from './grants';
import { PermissionsService } from './permissions.service';

/**
 * Runs after authentication: the caller's effective grants (its key's scopes
 * within its owner's role, both as they are now) must hold every permission
 * and scope the route requires.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly permissions: PermissionsService) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = accessRuleOf(context.getHandler(), context.getClass());
    const requiredPermissions = rule?.permissions ?? [];
    const requiredScopes = rule?.scopes ?? [];
    if (requiredPermissions.length === 0 && requiredScopes.length === 0) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const principal = request.principal;
    if (!principal) throw ApiError.unauthorized();
    const grants = this.permissions.grantsOf(principal);

    const missingPermissions = missingGrants(grants, requiredPermissions);
    if (missingPermissions.length > 0) {
      throw ApiError.forbidden(`This key lacks the permission ${missingPermissions.join(', ')}.`);
    }
    const missingScopes = missingGrants(grants, requiredScopes);
    if (missingScopes.length > 0) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'insufficient_scope',
        `This key lacks the scope ${missingScopes.join(', ')}.`,
      );
    }
    return true;
  }
}
