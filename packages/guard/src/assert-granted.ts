import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error';

/**
 * Throws 403 `forbidden` for a missing permission, then 403
 * `insufficient_scope` for a missing resource scope. Latchkey's AccessGuard
 * and the guard of other services (`@latchkey/guard`) both answer through
 * here, so their refusals read the same.
 */
export function assertGranted(
  grants: readonly string[],
  required: { permissions: readonly string[]; scopes: readonly string[] },
): void {
  const missingPermissions = missingGrants(grants, required.permissions);
  if (missingPermissions.length > 0) {
    throw ApiError.forbidden(`This key lacks the permission ${missingPermissions.join(', ')}.`);
  }
  const missingScopes = missingGrants(grants, required.scopes);
  if (missingScopes.length > 0) {
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'insufficient_scope',
      `This key lacks the scope ${missingScopes.join(', ')}.`,
    );
  }
}

/**
 * The required permissions or scopes that `grants` lacks. The access guard and
 * key verification both ask this, so they cannot disagree.
 */
export function missingGrants(grants: readonly string[], required: readonly string[]): string[] {
  return required.filter((grant) => !grants.includes(grant));
}
