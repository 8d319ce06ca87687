import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AllExceptionsFilter } from '../common/all-exceptions.filter';
import { KeyVerificationService } from '../keys/key-verification.service';
import { CachedKeyVerifier } from './cached-key-verifier';
import { InProcessKeyVerifier } from './in-process-key-verifier';
import {
  InProcessVerificationModule,
  SharedDatabaseConnection,
} from './in-process-verification.module';
import { KEY_VERIFIER, type KeyVerifier } from './key-verifier';
import { LatchkeyGuard } from './latchkey.guard';
import {
  DEFAULT_CACHE_MAX_ENTRIES,
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_TIMEOUT_MS,
  type LatchkeyGuardOptions,
} from './latchkey-guard.options';
import { RemoteKeyVerifier } from './remote-key-verifier';

/**
 * Puts every route of a NestJS (Fastify) service behind Latchkey's keys:
 *
 *   LatchkeyGuardModule.forRoot({ mode: 'remote', url, serviceKey })
 *   LatchkeyGuardModule.forRoot({ mode: 'in-process' })
 *
 * Registers LatchkeyGuard as a global guard (deny by default) and, unless
 * `errorFilter: false`, Latchkey's exception filter for the error envelope.
 */
@Module({})
export class LatchkeyGuardModule {
  static forRoot(options: LatchkeyGuardOptions): DynamicModule {
    const ttlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    if (!Number.isInteger(ttlMs) || ttlMs < 0) {
      throw new Error('LatchkeyGuardModule: cacheTtlMs must be a whole number of milliseconds ≥ 0');
    }
    const cached = (inner: KeyVerifier): KeyVerifier =>
      ttlMs === 0
        ? inner
        : new CachedKeyVerifier(inner, ttlMs, options.cacheMaxEntries ?? DEFAULT_CACHE_MAX_ENTRIES);

    const verifier: Provider =
      options.mode === 'remote'
        ? {
            provide: KEY_VERIFIER,
            useValue: cached(
              new RemoteKeyVerifier({
                url: options.url,
                serviceKey: options.serviceKey,
                timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
              }),
            ),
          }
        : {
            provide: KEY_VERIFIER,
            inject: [KeyVerificationService, SharedDatabaseConnection],
            useFactory: (
              verification: KeyVerificationService,
              connection: SharedDatabaseConnection,
            ) => cached(new InProcessKeyVerifier(verification, connection)),
          };
    return {
      module: LatchkeyGuardModule,
      imports: options.mode === 'in-process' ? [InProcessVerificationModule] : [],
      providers: [
        verifier,
        LatchkeyGuard,
        { provide: APP_GUARD, useExisting: LatchkeyGuard },
        ...(options.errorFilter === false
          ? []
          : [{ provide: APP_FILTER, useClass: AllExceptionsFilter }]),
      ],
      exports: [KEY_VERIFIER],
    };
  }
}
