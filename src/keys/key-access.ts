import { ApiKey } from './api-key.entity';
import { KeyStatus } from '../domain/key-tier';
import { isIpAllowed } from '../domain/ip-allowlist';
import { UserStatus } from '../users/user.entity';

/** Why a key may or may not be used; the `code` of `POST /keys/verify`. */
export type KeyAccessCode =
  'VALID' | 'NOT_FOUND' | 'INACTIVE' | 'EXPIRED' | 'OWNER_DISABLED' | 'IP_NOT_ALLOWED';

/** A key found by the hash of a presented token, with its owner loaded. */
export interface KeyMatch {
  key: ApiKey & { owner: NonNullable<ApiKey['owner']> };
  /** True when the token was the one a regeneration replaced. */
  viaPreviousToken: boolean;
}

export function isExpired(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() <= now.getTime();
}

/**
 * The one decision on whether a presented key may be used, from the current
 * state of the key and its owner. Authentication and verification both call
 * it, so they cannot disagree.
 */
export function decideKeyAccess(
  match: KeyMatch | null,
  now: Date,
  clientIp: string,
): KeyAccessCode {
  if (!match) return 'NOT_FOUND';
  const { key, viaPreviousToken } = match;
  if (viaPreviousToken && !(key.previousKeyExpiresAt && key.previousKeyExpiresAt > now)) {
    return 'NOT_FOUND';
  }
  if (key.status !== KeyStatus.Active) return 'INACTIVE';
  if (isExpired(key.expiresAt, now)) return 'EXPIRED';
  if (key.owner.status !== UserStatus.Active) return 'OWNER_DISABLED';
  if (!isIpAllowed(key.allowedIps, clientIp)) return 'IP_NOT_ALLOWED';
  return 'VALID';
}
