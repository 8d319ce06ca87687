import { Injectable } from '@nestjs/common';
import { hash, randomBytes } from 'node:crypto';

/** The only place keys touch crypto, so tests can see and replace it. */
@Injectable()
export class CryptoRepository {
  randomBytes(size: number): Buffer {
    return randomBytes(size);
  }

  sha256Hex(value: string): string {
    return hash('sha256', value, 'hex');
  }
}
