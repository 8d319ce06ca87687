import { Test } from '@nestjs/testing';
import { CryptoRepository } from './crypto.repository';
import { KeyTokensService } from './key-tokens.service';
import { keysConfig } from './keys.config';

const HEX = 'ab'.repeat(32);

/** Tokens under `lk_`, with the real SHA-256 and random bytes fixed to 0xab. */
async function tokens() {
  const requested: number[] = [];
  const crypto = new CryptoRepository();
  jest.spyOn(crypto, 'randomBytes').mockImplementation((size: number) => {
    requested.push(size);
    return Buffer.alloc(size, 0xab);
  });
  const moduleRef = await Test.createTestingModule({
    providers: [
      KeyTokensService,
      { provide: keysConfig.KEY, useValue: { prefix: 'lk_' } },
      { provide: CryptoRepository, useValue: crypto },
    ],
  }).compile();
  return { service: moduleRef.get(KeyTokensService), requested };
}

describe('KeyTokensService', () => {
  it('issues a token of the prefix and 32 random bytes in hex, with its stored forms', async () => {
    const { service, requested } = await tokens();
    const issued = service.issue();
    expect(requested).toEqual([32]);
    expect(issued).toEqual({
      token: `lk_${HEX}`,
      keyHash: service.hash(`lk_${HEX}`),
      maskedKey: 'lk_****abab',
    });
  });

  it('hashes a token with SHA-256, in lowercase hex', async () => {
    const { service } = await tokens();
    expect(service.hash('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('describes a given token without drawing random bytes', async () => {
    const { service, requested } = await tokens();
    expect(service.describe(`lk_${'0'.repeat(60)}beef`)).toMatchObject({
      maskedKey: 'lk_****beef',
    });
    expect(requested).toEqual([]);
  });

  it.each([
    [`lk_${HEX}`, true],
    [`xx_${HEX}`, false],
    [`lk_${HEX.toUpperCase()}`, false],
    [`lk_${HEX.slice(2)}`, false],
    [`lk_${HEX}00`, false],
    ['lk_', false],
  ])('%s is well formed: %s', async (token, expected) => {
    const { service } = await tokens();
    expect(service.isWellFormed(token)).toBe(expected);
  });
});
