const DAY_MS = 86_400_000;

/** `unused_days` of the key list and the clean-up: 1 to 3650 (ten years). */
export const MAX_UNUSED_DAYS = 3650;

/**
 * SQL of a key (alias `key`) with no successful use since `:unusedSince`:
 * last used before it, or never used and created before it (SPEC section 10).
 * `last_used` is written in batches, so a first use may show up to
 * LAST_USED_WRITE_INTERVAL_S late.
 */
export const UNUSED_SINCE_CONDITION =
  '(key.lastUsed < :unusedSince OR (key.lastUsed IS NULL AND key.createdAt < :unusedSince))';

/** The parameters of UNUSED_SINCE_CONDITION for "no successful use in the last `days` days". */
export function unusedSince(days: number, now: Date): { unusedSince: Date } {
  return { unusedSince: new Date(now.getTime() - days * DAY_MS) };
}
