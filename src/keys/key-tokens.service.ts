import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { CryptoRepository } from './crypto.repository';
import { formatToken, isWellFormedToken, maskToken, TOKEN_BYTES } from './key-token';
import { keysConfig } from './keys.config';

/** A freshly made token with what is stored of it. */
export interface IssuedToken {
  token: string;
  keyHash: string;
  maskedKey: string;
}

/** Tokens under the configured prefix: making, checking, hashing, masking. */
@Injectable()
export class KeyTokensService {
  constructor(
    @Inject(keysConfig.KEY) private readonly config: ConfigType<typeof keysConfig>,
    private readonly crypto: CryptoRepository,
  ) {}

  issue(): IssuedToken {
    return this.describe(formatToken(this.config.prefix, this.crypto.randomBytes(TOKEN_BYTES)));
  }

  /** The stored forms of a token: its SHA-256 hash and its masked form. */
  describe(token: string): IssuedToken {
    return { token, keyHash: this.hash(token), maskedKey: maskToken(token, this.config.prefix) };
  }

  isWellFormed(token: string): boolean {
    return isWellFormedToken(token, this.config.prefix);
  }

  hash(token: string): string {
    return this.crypto.sha256Hex(token);
  }
}
