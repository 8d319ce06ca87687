import { extractApiKey } from './extract-api-key';

type HeaderLine = [name: string, value: string];

/** A request's header lines as Node keeps them in `rawHeaders`: name, value, name, value, … */
const keyOf = (...lines: HeaderLine[]) => extractApiKey({ rawHeaders: lines.flat() });

describe('extractApiKey', () => {
  it.each<[HeaderLine[], string | undefined]>([
    [[['Authorization', 'Bearer lk_abc']], 'lk_abc'],
    [[['authorization', 'bearer lk_abc']], 'lk_abc'],
    [[['X-Api-Key', 'lk_abc']], 'lk_abc'],
    [[['x-api-key', '  lk_abc ']], 'lk_abc'],
    [[['Authorization', 'Basic dXNlcjpwdw==']], undefined],
    [[['Authorization', 'Bearer a b']], undefined],
    [[['Authorization', 'Bearer']], undefined],
    [[['X-Api-Key', '']], undefined],
    [[['Accept', 'application/json']], undefined],
    [[], undefined],
  ])('%j → %s', (lines, expected) => {
    expect(keyOf(...lines)).toBe(expected);
  });

  it.each<[string, HeaderLine[]]>([
    [
      'different keys in two Authorization lines',
      [
        ['Authorization', 'Bearer lk_a'],
        ['Authorization', 'Bearer lk_b'],
      ],
    ],
    [
      'different keys in Authorization and X-Api-Key',
      [
        ['Authorization', 'Bearer lk_a'],
        ['X-Api-Key', 'lk_b'],
      ],
    ],
    [
      'different keys in X-Api-Key, then Authorization',
      [
        ['X-Api-Key', 'lk_b'],
        ['Authorization', 'Bearer lk_a'],
      ],
    ],
    [
      'different keys in two X-Api-Key lines',
      [
        ['X-Api-Key', 'lk_a'],
        ['X-Api-Key', 'lk_b'],
      ],
    ],
    [
      'a key beside a non-Bearer Authorization',
      [
        ['Authorization', 'Basic dXNlcjpwdw=='],
        ['X-Api-Key', 'lk_a'],
      ],
    ],
  ])('gives no key for %s', (_, lines) => {
    expect(keyOf(...lines)).toBeUndefined();
  });

  it('takes the same key sent in several headers', () => {
    expect(
      keyOf(
        ['Authorization', 'Bearer lk_a'],
        ['X-Api-Key', 'lk_a'],
        ['authorization', 'Bearer lk_a'],
      ),
    ).toBe('lk_a');
  });

  it('ignores an empty header beside a key', () => {
    expect(keyOf(['Authorization', ''], ['X-Api-Key', 'lk_a'])).toBe('lk_a');
  });
});
