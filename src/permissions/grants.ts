// Shared with the guard package, whose refusals must read like Latchkey's.
export { missingGrants } from '@latchkey/guard/shared';
import { ADMIN_SCOPE, ALL_PERMISSIONS, isPermission, Permission, Role } from '../domain/permission';

/** What a role grants: its permissions, and which resource scopes of the catalogue. */
interface RoleDefinition {
  permissions: readonly Permission[];
  scopes: (scope: string) => boolean;
}

const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  [Role.Admin]: { permissions: ALL_PERMISSIONS, scopes: () => true },
  [Role.Manager]: {
    permissions: [Permission.ApiKeysRead, Permission.ApiKeysWrite, Permission.ApiKeysDelete],
    scopes: () => true,
  },
  [Role.Viewer]: { permissions: [Permission.ApiKeysRead], scopes: (s) => s.startsWith('read:') },
  [Role.Service]: { permissions: [Permission.ApiKeysVerify], scopes: () => false },
  [Role.Client]: { permissions: [], scopes: () => true },
};

/** A role's permissions and, separately, the resource scopes of the catalogue it grants. */
export function describeRole(
  role: Role,
  catalogue: readonly string[],
): { permissions: Permission[]; scopes: string[] } {
  const definition = ROLE_DEFINITIONS[role];
  return { permissions: [...definition.permissions], scopes: catalogue.filter(definition.scopes) };
}

/** Everything a role grants within the configured scope catalogue. */
export function roleGrants(role: Role, catalogue: readonly string[]): string[] {
  const { permissions, scopes } = describeRole(role, catalogue);
  return [...permissions, ...scopes];
}

/**
 * What a request made with a key may do: the intersection of what the key's
 * scopes grant and what its owner's role grants now. `admin` in the key's
 * scopes stands for the whole of the role.
 */
export function effectiveGrants(
  role: Role,
  keyScopes: readonly string[],
  catalogue: readonly string[],
): string[] {
  const fromRole = roleGrants(role, catalogue);
  if (keyScopes.includes(ADMIN_SCOPE)) return fromRole;
  return fromRole.filter((grant) => keyScopes.includes(grant));
}

/** Whether `role` acts on every user's keys rather than only its own. */
export function actsOnAllUsers(role: Role): boolean {
  return role === Role.Admin;
}

/**
 * Whether a caller holding `callerGrants` may give a key owned by a user of
 * `ownerRole` the scopes `requested`: every requested grant must be held by the
 * caller and granted by the owner's role (no escalation). `admin` may only be
 * handed out by a caller that holds everything the owner's role grants.
 */
export function ungrantableScopes(
  requested: readonly string[],
  callerGrants: readonly string[],
  ownerRole: Role,
  catalogue: readonly string[],
): string[] {
  const ownerGrants = roleGrants(ownerRole, catalogue);
  return requested.filter((scope) => {
    const needed = scope === ADMIN_SCOPE ? ownerGrants : [scope];
    return !needed.every((grant) => callerGrants.includes(grant) && ownerGrants.includes(grant));
  });
}

/** Scope names that are neither a permission, `admin`, nor in the catalogue. */
export function unknownScopes(
  requested: readonly string[],
  catalogue: readonly string[],
): string[] {
  return requested.filter(
    (scope) => scope !== ADMIN_SCOPE && !isPermission(scope) && !catalogue.includes(scope),
  );
}
