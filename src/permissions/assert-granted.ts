import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { missingGrants } from './grants';

/**
 * Throws 403 `forbidden` for a missing permission, then 403
 * `insufficient_scope` for a missing resource scope. Latchkey's AccessGuard
 * and the guard of other services (`latchkey/guard`) both answer through
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
