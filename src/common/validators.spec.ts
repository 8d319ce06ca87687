import { unprintableCharacterIn } from './validators';

describe('unprintableCharacterIn', () => {
  it.each([
    ['a\u0000b', 'U+0000'],
    ['esc\u001b[31m', 'U+001B'],
    ['two\nlines', 'U+000A'],
    ['tab\there', 'U+0009'],
    ['del\u007f', 'U+007F'],
    ['c1\u0085', 'U+0085'],
    ['txt.\u202egpj', 'U+202E'],
    ['\u2066isolate\u2069', 'U+2066'],
    ['right\u200fmark', 'U+200F'],
    ['zero\u200bwidth', 'U+200B'],
    ['joiner\u200d', 'U+200D'],
    ['bom\ufeff', 'U+FEFF'],
    ['soft\u00adhyphen', 'U+00AD'],
    ['line\u2028sep', 'U+2028'],
    ['tag\u{e0041}', 'U+E0041'],
  ])('finds the unprintable character in %j: %s', (text, found) => {
    expect(unprintableCharacterIn(text)).toBe(found);
  });

  it.each(['ci-deploy', 'ünïcödé names', 'emoji 😀', 'שלום', '日本語 キー', 'no\u00a0break'])(
    'finds none in %j',
    (text) => {
      expect(unprintableCharacterIn(text)).toBeUndefined();
    },
  );
});
