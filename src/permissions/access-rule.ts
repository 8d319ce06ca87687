import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { Permission } from './permission';
import { PermissionsMetadata, PublicMetadata, ScopesMetadata } from './permissions.decorators';

/** What a route demands of its caller. */
export interface AccessRule {
  isPublic: boolean;
  permissions: Permission[];
  scopes: string[];
}

/**
 * A route's rule: its handler's decorators if it has any, otherwise its
 * class's, never a mix. So `@Public()` or `@RequireKey()` on a handler frees
 * it from its class's `@RequireScopes(...)`, and a handler's
 * `@RequirePermissions(...)` replaces whatever its class asked for.
 * Undefined for a route with no decision at all (which still needs a key).
 */
export function accessRuleOf(
  reflector: Reflector,
  handler: ReturnType<ExecutionContext['getHandler']>,
  controller: ReturnType<ExecutionContext['getClass']>,
): AccessRule | undefined {
  for (const target of [handler, controller]) {
    const isPublic = reflector.get(PublicMetadata, target);
    const permissions = reflector.get(PermissionsMetadata, target);
    const scopes = reflector.get(ScopesMetadata, target);
    if (isPublic !== undefined || permissions !== undefined || scopes !== undefined) {
      return { isPublic: isPublic ?? false, permissions: permissions ?? [], scopes: scopes ?? [] };
    }
  }
  return undefined;
}
