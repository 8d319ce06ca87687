import type { VerifyKeyResponseDto } from '../keys/dto/verify-key-response.dto';

/** What `POST /api/v1/keys/verify` is asked: the presented key, the grants the route needs, the client address. */
export interface VerifyRequest {
  key: string;
  scopes: string[];
  /** Left out when the request's address is not an IP address (a forged X-Forwarded-For). */
  ip?: string;
}

/** Its answer (the `data` of the response), the same in both modes. */
export type Verdict = VerifyKeyResponseDto;

/**
 * Asks Latchkey whether a key may make a request. Resolves with the verdict,
 * whatever it is; rejects with 503 `service_unavailable` when no verdict can
 * be had, so that an outage never lets a request through.
 */
export interface KeyVerifier {
  verify(request: VerifyRequest): Promise<Verdict>;
}

export const KEY_VERIFIER = Symbol('LatchkeyKeyVerifier');
