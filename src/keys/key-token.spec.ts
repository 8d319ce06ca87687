import { formatToken, isWellFormedToken, maskToken } from './key-token';

describe('key tokens', () => {
  const bytes = Buffer.from(
    '00112233445566778899aabbccddeeff00112233445566778899aabbccdd3f9a',
    'hex',
  );
  const token = formatToken('lk_', bytes);

  it('formats 32 random bytes as the prefix and 64 lowercase hex characters', () => {
    expect(token).toBe('lk_00112233445566778899aabbccddeeff00112233445566778899aabbccdd3f9a');
  });

  it('masks all but the prefix and the last four characters', () => {
    expect(maskToken(token, 'lk_')).toBe('lk_****3f9a');
  });

  it.each([
    [token, 'lk_', true],
    [token.toUpperCase(), 'lk_', false],
    [token.slice(0, -1), 'lk_', false],
    [`${token}0`, 'lk_', false],
    [token.replace('lk_', 'xx_'), 'lk_', false],
    [token.replace('lk_', 'acme_'), 'acme_', true],
    ['', 'lk_', false],
  ])('%s with prefix %s is well formed: %s', (candidate, prefix, expected) => {
    expect(isWellFormedToken(candidate, prefix)).toBe(expected);
  });
});
