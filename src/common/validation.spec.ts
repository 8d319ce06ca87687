import { illFormedTextAt } from './validation';

describe('illFormedTextAt', () => {
  it.each([
    [{ email: 'dora\ud800@example.com' }, 'email'],
    [{ tokens: ['lk_ok', 'lk_\udc00'] }, 'tokens[1]'],
    [{ owner: { name: 'x\udbff' } }, 'owner.name'],
    [{ ['\ud800']: 1 }, '\ud800'],
    ['\ud800', ''],
  ])('finds the lone surrogate in %j at "%s"', (body, path) => {
    expect(illFormedTextAt(body)).toBe(path);
  });

  it.each([
    [{ name: 'plain', scopes: ['a', 'b'], n: 1, none: null }],
    [{ name: 'emoji 😀 (a surrogate pair) and ümlauts' }],
    [[]],
    [42],
  ])('finds none in %j', (body) => {
    expect(illFormedTextAt(body)).toBeUndefined();
  });
});

describe('illFormedTextAt on deep bodies', () => {
  it('walks 100,000 levels without exhausting the stack', () => {
    let value: unknown = '\ud800';
    for (let level = 0; level < 100_000; level++) value = [value];
    expect(illFormedTextAt({ tokens: value })).toBe(`tokens${'[0]'.repeat(100_000)}`);
  });
});
