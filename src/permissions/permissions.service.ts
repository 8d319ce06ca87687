import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { scopesConfig } from '../config/configuration';
import { effectiveGrants, ungrantableScopes, unknownScopes } from './grants';
import { Role } from './permission';

@Injectable()
export class PermissionsService {
  constructor(@Inject(scopesConfig.KEY) private readonly config: ConfigType<typeof scopesConfig>) {}

  get scopeCatalogue(): readonly string[] {
    return this.config.catalogue;
  }

  /** What the caller may do now: its key's scopes within its owner's current role. */
  grantsOf(principal: Principal): string[] {
    return effectiveGrants(principal.user.role, principal.key.scopes, this.config.catalogue);
  }

  /**
   * Rejects scopes that do not exist (400) and scopes the caller cannot hand
   * out to a key of an owner with `ownerRole` (403): no escalation.
   */
  assertMayGrant(caller: Principal, ownerRole: Role, scopes: readonly string[]): void {
    this.assertKnownScopes(scopes);
    const denied = ungrantableScopes(
      scopes,
      this.grantsOf(caller),
      ownerRole,
      this.config.catalogue,
    );
    if (denied.length > 0) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        `Cannot grant ${denied.map((s) => `"${s}"`).join(', ')}: the caller's key or the owner's role does not hold it.`,
      );
    }
  }

  /** 400 naming each scope that is neither a permission, `admin`, nor in the catalogue. */
  assertKnownScopes(scopes: readonly string[]): void {
    const unknown = unknownScopes(scopes, this.config.catalogue);
    if (unknown.length > 0) {
      throw ApiError.validation(
        `Unknown scope ${unknown.map((s) => `"${s}"`).join(', ')}; GET /api/v1/scopes lists them.`,
        unknown.map(() => ({ field: 'scopes', message: 'contains an unknown scope' })),
      );
    }
  }
}
