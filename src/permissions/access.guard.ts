import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../domain/principal';
import { ApiError } from '../common/api-error';
import { accessRuleOf } from './access-rule';
import { assertGranted } from './assert-granted';
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
    assertGranted(this.permissions.grantsOf(principal), {
      permissions: requiredPermissions,
      scopes: requiredScopes,
    });
    return true;
  }
}
