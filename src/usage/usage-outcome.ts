import type { VerificationCode } from '../domain/verification-codes';

/** The four columns of a key's usage (SPEC section 10). */
export const USAGE_OUTCOMES = ['ok', 'unauthorized', 'forbidden', 'rate_limited'] as const;

export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];

/**
 * A request whose key was accepted, by its answer: 403 and 429 are the
 * access and rate-limit guards' (or a rule of the handler's) refusals; any
 * other answer, a 404 or a 500 included, is a use the key was allowed.
 */
export function outcomeOfStatus(status: number): UsageOutcome {
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'unauthorized';
  return 'ok';
}

/**
 * A key that was found but refused: from outside its allowlist is
 * `forbidden`, anything else (inactive, expired, owner disabled, a replaced
 * token past its grace) `unauthorized`, even when the client address's
 * budget for refused keys turned the answer into a 429: the key's own
 * budget was not spent.
 */
export function outcomeOfRefusal(code: VerificationCode): UsageOutcome {
  return code === 'IP_NOT_ALLOWED' ? 'forbidden' : 'unauthorized';
}

/** A `POST /keys/verify` verdict, counted for the verified key. */
export function outcomeOfVerdict(code: VerificationCode): UsageOutcome {
  switch (code) {
    case 'VALID':
      return 'ok';
    case 'RATE_LIMITED':
      return 'rate_limited';
    case 'IP_NOT_ALLOWED':
    case 'INSUFFICIENT_SCOPE':
      return 'forbidden';
    default:
      return 'unauthorized';
  }
}
