/**
 * Masks everything shaped like a key's secret: a run of 32 or more hex
 * digits (a token ends in 64, whatever `KEY_PREFIX` is), e.g.
 * `lk_<64 hex>` becomes `lk_[redacted]`. Ids are UUIDs, whose hex runs are
 * at most 12 long, and stay readable.
 */
export function redactTokens(text: string): string {
  return text.replace(/[0-9a-f]{32,}/gi, '[redacted]');
}
