import { redactTokens } from './redact-tokens';

describe('redactTokens', () => {
  const hex = 'ab12'.repeat(16);

  it.each([
    [`Cannot GET /api/v1/nope/lk_${hex}`, 'Cannot GET /api/v1/nope/lk_[redacted]'],
    [`unknown field "sk_live_${hex.toUpperCase()}"`, 'unknown field "sk_live_[redacted]"'],
    [`a ${hex} and ${hex.slice(0, 32)}`, 'a [redacted] and [redacted]'],
    ['key 0125cc96-c531-4348-a41e-8775f4f6e2a3', 'key 0125cc96-c531-4348-a41e-8775f4f6e2a3'],
    [`short ${hex.slice(0, 31)}`, `short ${hex.slice(0, 31)}`],
  ])('masks %s as %s', (text, masked) => {
    expect(redactTokens(text)).toBe(masked);
  });
});
