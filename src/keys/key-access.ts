import type { ApiKey } from './api-key.entity';
import { KeyStatus } from '../domain/key-tier';
import { isIpAllowed } from '../domain/ip-allowlist';
import { type User, UserStatus } from '../users/user.entity';

/** Why a key may or may not be used; the `code` of `POST /keys/verify`. */
export type KeyAccessCode =
  'VALID' | 'NOT_FOUND' | 'INACTIVE' | 'EXPIRED' | 'OWNER_DISABLED' | 'IP_NOT_ALLOWED';

/**
 * What a decision on a presented key, and the caller it makes, need of the
 * key and its owner: all that authentication reads of them, and keeps in
 * the key-state cache, where each field is held for every key in use.
 */
export const KEY_STATE_FIELDS = [
  'id',
  'ownerId',
  'name',
  'keyHash',
  'maskedKey',
  'scopes',
  'tier',
  'status',
  'expiresAt',
  'previousKeyExpiresAt',
  'allowedIps',
] as const satisfies readonly (keyof ApiKey)[];
export const OWNER_STATE_FIELDS = [
  'id',
  'name',
  'role',
  'status',
] as const satisfies readonly (keyof User)[];

export type KeyState = Pick<ApiKey, (typeof KEY_STATE_FIELDS)[number]> & {
  owner: Pick<User, (typeof OWNER_STATE_FIELDS)[number]>;
};

/** A key found by the hash of a presented token, with its owner loaded. */
export interface KeyMatch {
  key: KeyState;
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
