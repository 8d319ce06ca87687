import type { RateLimitBudget } from './rate-limit-headers';

/** What `POST /api/v1/keys/verify` is asked: the presented key, the grants the route needs, the client address. */
export interface VerifyRequest {
  key: string;
  scopes: string[];
  /** Left out when the request's address is not an IP address (a forged X-Forwarded-For). */
  ip?: string;
}

/** Why a key may or may not make a request (SPEC section 6). */
export type VerificationCode =
  | 'VALID'
  | 'NOT_FOUND'
  | 'INACTIVE'
  | 'EXPIRED'
  | 'OWNER_DISABLED'
  | 'IP_NOT_ALLOWED'
  | 'INSUFFICIENT_SCOPE'
  | 'RATE_LIMITED';

/** Its answer (the `data` of the response), the same in both modes. */
export interface Verdict {
  valid: boolean;
  code: VerificationCode;
  /** Only for VALID, INSUFFICIENT_SCOPE and RATE_LIMITED. */
  key_id?: string;
  owner_id?: string;
  scopes?: string[];
  tier?: string;
  expires_at?: string | null;
  ratelimit?: RateLimitBudget;
}

/**
 * Asks Latchkey whether a key may make a request. Resolves with the verdict,
 * whatever it is; rejects with 503 `service_unavailable` when no verdict can
 * be had, so that an outage never lets a request through.
 */
export interface KeyVerifier {
  verify(request: VerifyRequest): Promise<Verdict>;
  /** A verdict already at hand (a cache hit), so that the guard need not wait; undefined otherwise. */
  cached?(request: VerifyRequest): Verdict | undefined;
}

export const KEY_VERIFIER = Symbol('LatchkeyKeyVerifier');

/** The most checks `POST /api/v1/keys/verify/batch` takes in one request. */
export const MAX_VERIFY_BATCH = 100;
