import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Principal } from '../domain/principal';
import { ApiError } from '../common/api-error';
import { effectiveGrants, ungrantableScopes, unknownScopes } from './grants';
import { Role } from '../domain/permission';
import { scopesConfig } from './scopes.config';

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
    const denied = this.ungrantable(caller, ownerRole, scopes);
    if (denied) {
      throw ApiError.forbidden(
        `Cannot grant ${denied}: the caller's key or the owner's role does not hold it.`,
      );
    }
  }

  /**
   * 403 unless the caller could create a key with this key's scopes: a token
   * handed out by regenerating, or switched back on, grants all of them.
   * `action` names what is refused, e.g. "regenerate".
   */
  assertMayHandOut(
    caller: Principal,
    key: { scopes: readonly string[]; owner: { role: Role } },
    action: string,
  ): void {
    const denied = this.ungrantable(caller, key.owner.role, key.scopes);
    if (denied) {
      throw ApiError.forbidden(
        `Cannot ${action} this key: it holds ${denied}, which the caller's key or the owner's role does not hold.`,
      );
    }
  }

  /** The scopes the caller may not give a key of an owner with `ownerRole`, quoted, or null. */
  private ungrantable(
    caller: Principal,
    ownerRole: Role,
    scopes: readonly string[],
  ): string | null {
    const denied = ungrantableScopes(
      scopes,
      this.grantsOf(caller),
      ownerRole,
      this.config.catalogue,
    );
    return denied.length > 0 ? denied.map((s) => `"${s}"`).join(', ') : null;
  }

  /** 400 naming each scope that is neither a permission, `admin`, nor in the catalogue. */
  assertKnownScopes(scopes: readonly string[], field = 'scopes'): void {
    const unknown = unknownScopes(scopes, this.config.catalogue);
    if (unknown.length > 0) {
      throw ApiError.validation(
        `Unknown scope ${unknown.map((s) => `"${s}"`).join(', ')} in ${field}; GET /api/v1/scopes lists them.`,
        unknown.map(() => ({ field, message: 'contains an unknown scope' })),
      );
    }
  }
}
