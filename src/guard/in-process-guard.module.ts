import { type DynamicModule, Module } from '@nestjs/common';
import {
  CachedKeyVerifier,
  type CacheOptions,
  LatchkeyGuardModule,
  type ModuleOptions,
  wholeMs,
} from '@latchkey/guard';
import { KeyVerificationService } from '../keys/key-verification.service';
import { InProcessKeyVerifier } from './in-process-key-verifier';
import {
  InProcessVerificationModule,
  SharedDatabaseConnection,
} from './in-process-verification.module';

/** In-process verdicts hear of no changes (there is no stream to hear them on): a short cache. */
const DEFAULT_IN_PROCESS_CACHE_TTL_MS = 1000;
const DEFAULT_CACHE_MAX_ENTRIES = 10_000;

/**
 * `@latchkey/guard`'s module for a service that shares Latchkey's database
 * and decides in its own process with Latchkey's own code. It reads the same
 * environment as Latchkey (`DATABASE_URL`, `DATA_DIR`, `KEY_PREFIX`,
 * `SCOPES`, `RATE_LIMIT_*`, `REDIS_URL`, `LAST_USED_WRITE_INTERVAL_S`):
 * `env`, process.env by default, as it is when `forRoot` is called.
 * `cacheTtlMs` defaults to 1000 here; 0 turns the cache off.
 */
export type InProcessGuardOptions = CacheOptions &
  ModuleOptions & {
    /** Latchkey's variables for this module; process.env by default. */
    env?: NodeJS.ProcessEnv;
  };

@Module({})
export class InProcessGuardModule {
  static forRoot({ env, ...options }: InProcessGuardOptions = {}): DynamicModule {
    const ttlMs = wholeMs(options.cacheTtlMs ?? DEFAULT_IN_PROCESS_CACHE_TTL_MS, 'cacheTtlMs');
    const latchkey = InProcessVerificationModule.forRoot(env ?? process.env);
    // A bad variable rejects it; Nest stops with that error when it creates the app.
    latchkey.catch(() => undefined);
    return LatchkeyGuardModule.forVerifier({
      ...options,
      imports: [latchkey],
      verifier: {
        inject: [KeyVerificationService, SharedDatabaseConnection],
        useFactory: (verification: KeyVerificationService, connection: SharedDatabaseConnection) =>
          new CachedKeyVerifier(new InProcessKeyVerifier(verification, connection), {
            ttlMs: () => ttlMs,
            unnamedTtlMs: ttlMs,
            maxEntries: options.cacheMaxEntries ?? DEFAULT_CACHE_MAX_ENTRIES,
          }),
      },
    });
  }
}
