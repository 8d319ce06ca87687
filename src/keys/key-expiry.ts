import { ApiError } from '../common/api-error';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExpiryInput {
  expires_at?: string | null;
  expires_in_days?: number;
}

/**
 * The expiry a request asks for: a date, a number of days from now, or never.
 * `"expires_at": null` (never) with a number of days is as contradictory as a
 * date with one, so both present is refused whatever `expires_at` holds.
 */
export function resolveExpiry(input: ExpiryInput, now: Date): Date | null {
  if (input.expires_at !== undefined && input.expires_in_days !== undefined) {
    throw ApiError.validation('Send expires_at or expires_in_days, not both.', [
      { field: 'expires_in_days', message: 'cannot be combined with expires_at' },
    ]);
  }
  if (input.expires_in_days !== undefined)
    return new Date(now.getTime() + input.expires_in_days * DAY_MS);
  return input.expires_at ? new Date(input.expires_at) : null;
}
