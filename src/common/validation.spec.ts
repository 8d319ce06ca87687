import { IsString } from 'class-validator';
import { createValidationPipe, illFormedTextAt } from './validation';

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

describe('createValidationPipe', () => {
  class NameDto {
    @IsString() name!: string;
  }
  const pipe = createValidationPipe();

  it("returns a custom decorator's value as it is, never validated against its type", async () => {
    const principal = { user: { id: 'u1' }, key: { id: 'k1' } };
    await expect(pipe.transform(principal, { type: 'custom', metatype: NameDto })).resolves.toBe(
      principal,
    );
  });

  it('validates a body against its DTO', async () => {
    await expect(pipe.transform({ name: 7 }, { type: 'body', metatype: NameDto })).rejects.toThrow(
      'Invalid request: check name.',
    );
    await expect(
      pipe.transform({ name: 'ok' }, { type: 'body', metatype: NameDto }),
    ).resolves.toBeInstanceOf(NameDto);
  });
});
