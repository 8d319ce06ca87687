import { ApiError } from '../common/api-error';
import { KeyStatus } from '../domain/key-tier';
import type { ApiKey } from './api-key.entity';
import type { RegenerateKeyDto } from './dto/regenerate-key.dto';
import { isExpired } from './key-access';
import { resolveExpiry } from './key-expiry';

/** A new token's hash and masked form. */
export interface NewToken {
  keyHash: string;
  maskedKey: string;
}

/**
 * What regenerating `current` writes: the new token, the old one kept for
 * `grace_period_s` (or dropped at once), and the expiry. An expired key needs
 * a new expiry; a leaked token gets no grace, and the new token switches a
 * leak-reported key back on.
 */
export function regeneration(
  current: Pick<ApiKey, 'keyHash' | 'expiresAt' | 'leakedAt'>,
  dto: RegenerateKeyDto,
  token: NewToken,
  now: Date,
): Partial<ApiKey> & { expiresAt: Date | null; updatedAt: Date } {
  const newExpiry = dto.expires_at !== undefined || dto.expires_in_days !== undefined;
  if (!newExpiry && isExpired(current.expiresAt, now)) {
    throw ApiError.validation(
      'This key has expired: send expires_at, expires_in_days or "expires_at": null.',
      [{ field: 'expires_at', message: 'required to regenerate an expired key' }],
    );
  }
  const grace = dto.grace_period_s ?? 0;
  if (current.leakedAt && grace > 0) {
    throw ApiError.conflict(
      "This key's token was reported leaked: it cannot keep working; leave grace_period_s out.",
    );
  }
  return {
    ...token,
    previousKeyHash: grace > 0 ? current.keyHash : null,
    previousKeyExpiresAt: grace > 0 ? new Date(now.getTime() + grace * 1000) : null,
    expiresAt: newExpiry ? resolveExpiry(dto, now) : current.expiresAt,
    // The new token is the remedy for a leak: the key works again with it.
    ...(current.leakedAt ? { status: KeyStatus.Active, leakedAt: null } : {}),
    updatedAt: now,
  };
}

/**
 * What a leak report writes to a key: off, marked leaked (the first report's
 * time stays) and without its grace-period token, until it is regenerated.
 */
export function leakReported(key: Pick<ApiKey, 'leakedAt'>, now: Date): Partial<ApiKey> {
  return {
    status: KeyStatus.Inactive,
    leakedAt: key.leakedAt ?? now,
    previousKeyHash: null,
    previousKeyExpiresAt: null,
    updatedAt: now,
  };
}
