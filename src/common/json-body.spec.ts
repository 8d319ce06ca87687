import { MAX_BODY_DEPTH, tooDeepAt } from './json-body';

/** `depth` levels of arrays, the outermost one included. */
const arrays = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level++) value = [value];
  return value;
};

describe('tooDeepAt', () => {
  it.each([
    [{ tokens: arrays(MAX_BODY_DEPTH - 1) }],
    [arrays(MAX_BODY_DEPTH)],
    [{ name: 'x', scopes: ['a'], none: null, n: 1 }],
    ['text'],
    [null],
  ])('takes %j', (body) => {
    expect(tooDeepAt(body)).toBeUndefined();
  });

  it.each([
    [{ tokens: arrays(MAX_BODY_DEPTH) }, 'tokens'],
    [{ name: 'x', owner: { a: { b: arrays(MAX_BODY_DEPTH) } } }, 'owner'],
    [arrays(MAX_BODY_DEPTH + 1), 'body'],
  ])('finds the too-deep part of %j under %s', (body, field) => {
    expect(tooDeepAt(body)).toBe(field);
  });

  it('walks a million levels without exhausting the stack', () => {
    expect(tooDeepAt({ tokens: arrays(1_000_000) })).toBe('tokens');
    expect(tooDeepAt({ tokens: arrays(1_000_000) }, Infinity)).toBeUndefined();
  });
});
