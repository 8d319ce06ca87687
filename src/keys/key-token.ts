/*
 * The token format (SPEC section 1): `<prefix><64 lowercase hex>`, made from
 * 32 random bytes. Only its SHA-256 hash and a masked form are ever stored.
 */
export const TOKEN_BYTES = 32;
const TOKEN_HEX = /^[0-9a-f]{64}$/;

export function formatToken(prefix: string, randomBytes: Buffer): string {
  return prefix + randomBytes.toString('hex');
}

/** Checked before any database read: a malformed token costs nothing. */
export function isWellFormedToken(token: string, prefix: string): boolean {
  return token.startsWith(prefix) && TOKEN_HEX.test(token.slice(prefix.length));
}

/** `lk_****3f9a`: enough to tell keys apart, useless to an attacker. */
export function maskToken(token: string, prefix: string): string {
  return `${prefix}****${token.slice(-4)}`;
}
