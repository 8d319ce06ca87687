/** The `code` of `POST /keys/verify`: why a key may or may not make a request. */
export const VERIFICATION_CODES = [
  'VALID',
  'NOT_FOUND',
  'INACTIVE',
  'EXPIRED',
  'OWNER_DISABLED',
  'IP_NOT_ALLOWED',
  'INSUFFICIENT_SCOPE',
  'RATE_LIMITED',
] as const;

export type VerificationCode = (typeof VERIFICATION_CODES)[number];
