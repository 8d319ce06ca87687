import {
  DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
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
  type RemoteGuardOptions,
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
/** `forRootAsync`: remote-mode options from other providers, e.g. ConfigService. */
export interface LatchkeyGuardAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (
    ...args: never[]
  ) => Omit<RemoteGuardOptions, 'errorFilter'> | Promise<Omit<RemoteGuardOptions, 'errorFilter'>>;
  /** As in `forRoot`; decided here because it changes the module's providers. */
  errorFilter?: boolean;
}

@Module({})
export class LatchkeyGuardModule {
  static forRoot(options: LatchkeyGuardOptions): DynamicModule {
    const verifier: Provider =
      options.mode === 'remote'
        ? { provide: KEY_VERIFIER, useValue: remoteVerifier(options) }
        : {
            provide: KEY_VERIFIER,
            inject: [KeyVerificationService, SharedDatabaseConnection],
            useFactory: (
              verification: KeyVerificationService,
              connection: SharedDatabaseConnection,
            ) => withCache(new InProcessKeyVerifier(verification, connection), options),
          };
    return guardModule(
      verifier,
      options.mode === 'in-process' ? [InProcessVerificationModule] : [],
      options.errorFilter,
    );
  }

  /**
   * Remote mode with options made by a factory:
   * `forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config) => ({ mode: 'remote', url: config.get(...), ... }) })`.
   */
  static forRootAsync(options: LatchkeyGuardAsyncOptions): DynamicModule {
    const verifier: Provider = {
      provide: KEY_VERIFIER,
      inject: options.inject ?? [],
      useFactory: async (...args: never[]) => remoteVerifier(await options.useFactory(...args)),
    };
    return guardModule(verifier, options.imports ?? [], options.errorFilter);
  }
}

function guardModule(
  verifier: Provider,
  imports: NonNullable<ModuleMetadata['imports']>,
  errorFilter = true,
): DynamicModule {
  return {
    module: LatchkeyGuardModule,
    imports,
    providers: [
      verifier,
      LatchkeyGuard,
      { provide: APP_GUARD, useExisting: LatchkeyGuard },
      ...(errorFilter ? [{ provide: APP_FILTER, useClass: AllExceptionsFilter }] : []),
    ],
    exports: [KEY_VERIFIER],
  };
}

function remoteVerifier(options: Omit<RemoteGuardOptions, 'errorFilter'>): KeyVerifier {
  if (!options.serviceKey) throw new Error('LatchkeyGuardModule: serviceKey is required');
  return withCache(
    new RemoteKeyVerifier({
      url: options.url,
      serviceKey: options.serviceKey,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    }),
    options,
  );
}

/** The verifier behind a bounded cache of `cacheTtlMs` (default 1 s), or bare for 0. */
function withCache(
  inner: KeyVerifier,
  options: { cacheTtlMs?: number; cacheMaxEntries?: number },
): KeyVerifier {
  const ttlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  if (!Number.isInteger(ttlMs) || ttlMs < 0) {
    throw new Error('LatchkeyGuardModule: cacheTtlMs must be a whole number of milliseconds ≥ 0');
  }
  if (ttlMs === 0) return inner;
  return new CachedKeyVerifier(inner, ttlMs, options.cacheMaxEntries ?? DEFAULT_CACHE_MAX_ENTRIES);
}
