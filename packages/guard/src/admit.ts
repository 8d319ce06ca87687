import { ApiError } from './api-error';
import { assertGranted } from './assert-granted';
import { rateLimited, setRateLimitHeaders, type HeaderSink } from './rate-limit-headers';
import type { Verdict } from './key-verifier';

/** The caller of a guarded route, as Latchkey verified it; `@ApiKey()` hands it to a handler. */
export interface LatchkeyIdentity {
  keyId: string;
  ownerId: string;
  /** The key's effective grants: its scopes within its owner's current role. */
  grants: string[];
  tier: string;
  expiresAt: Date | null;
}

/**
 * Turns a verdict into Latchkey's own HTTP answer: the identity for VALID;
 * otherwise the same error (status, code, headers) a Latchkey route would
 * give. The key's budget goes out as X-RateLimit-* headers either way.
 */
export function admit(
  verdict: Verdict,
  required: { permissions: readonly string[]; scopes: readonly string[] },
  clientIp: string,
  reply: HeaderSink,
): LatchkeyIdentity {
  if (verdict.ratelimit) setRateLimitHeaders(reply, verdict.ratelimit);
  switch (verdict.code) {
    case 'VALID':
      return {
        keyId: verdict.key_id!,
        ownerId: verdict.owner_id!,
        grants: verdict.scopes ?? [],
        tier: verdict.tier!,
        expiresAt: verdict.expires_at ? new Date(verdict.expires_at) : null,
      };
    case 'IP_NOT_ALLOWED':
      throw ApiError.ipNotAllowed(clientIp);
    case 'RATE_LIMITED':
      throw rateLimited(verdict.ratelimit?.reset ?? 1);
    case 'INSUFFICIENT_SCOPE':
      assertGranted(verdict.scopes ?? [], required);
      // Latchkey found a grant missing that the effective grants seem to hold: refuse anyway.
      throw ApiError.forbidden('This key lacks a grant this route needs.');
    default:
      // NOT_FOUND, INACTIVE, EXPIRED, OWNER_DISABLED: one answer, whatever the reason.
      throw ApiError.unauthorized();
  }
}
