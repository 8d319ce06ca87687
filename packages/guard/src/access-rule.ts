import { Reflector } from '@nestjs/core';
import { type Controller, type Handler, perRoute } from './per-route';
import { Permission } from './permission';
import { PermissionsMetadata, PublicMetadata, ScopesMetadata } from './permissions.decorators';

/** What a route demands of its caller. */
export interface AccessRule {
  isPublic: boolean;
  permissions: Permission[];
  scopes: string[];
}

/** Reads metadata only; stateless, so one serves every application. */
const reflector = new Reflector();

/**
 * A route's rule: its handler's decorators if it has any, otherwise its
 * class's, never a mix. So `@Public()` or `@RequireKey()` on a handler frees
 * it from its class's `@RequireScopes(...)`, and a handler's
 * `@RequirePermissions(...)` replaces whatever its class asked for.
 * Undefined for a route with no decision at all (which still needs a key).
 * Read once per route: three guards ask on every request.
 */
export const accessRuleOf = perRoute(readAccessRule);

function readAccessRule(handler: Handler, controller: Controller): AccessRule | undefined {
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
