import { type DynamicModule, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChangesModule } from '../changes/changes.module';
import { ChangesService } from '../changes/changes.service';
import { keyCacheConfig } from '../key-cache/key-cache.config';
import { KeyStateCache } from '../key-cache/key-state.cache';
import { MetricsService } from '../metrics/metrics.service';
import { GrantsModule } from '../permissions/grants.module';
import { rateLimitConfig } from '../rate-limit/rate-limit.config';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UsageRecorderModule } from '../usage/usage-recorder.module';
import { ApiKey } from './api-key.entity';
import { CryptoRepository } from './crypto.repository';
import { KeyAuthenticationService } from './key-authentication.service';
import { KeyTokensService } from './key-tokens.service';
import { KeyVerificationService } from './key-verification.service';
import { LastUsedRecorder } from './last-used.recorder';

export interface KeyVerificationModuleOptions {
  /**
   * Where the keys change. `'here'` (Latchkey itself): this process makes the
   * changes, and hears of other instances' through Redis when it is set, so
   * the key cache follows KEY_CACHE_TTL_S. `'elsewhere'` (in-process guard):
   * every change is made by Latchkey's processes and announced only over
   * Redis, so without REDIS_URL this process would never hear of one and
   * keeps no key cache.
   */
  changesMade: 'here' | 'elsewhere';
}

/**
 * Everything that verifying a key needs (`KeyVerificationService`: the
 * token and its hash, the key and owner read through the key cache,
 * `decideKeyAccess`, the effective-grants check, the key's rate-limit budget
 * and its last use), and no controller: KeysModule serves it (Latchkey's own
 * guard and `POST /keys/verify`), in-process mode of the guard calls it in a
 * service that shares Latchkey's database.
 *
 * Needs Latchkey's configuration, DatabaseModule and MetricsModule (all
 * global) from the application that imports it.
 */
@Module({})
export class KeyVerificationModule {
  static register({ changesMade }: KeyVerificationModuleOptions): DynamicModule {
    return {
      module: KeyVerificationModule,
      imports: [
        TypeOrmModule.forFeature([ApiKey]),
        ChangesModule,
        GrantsModule,
        RateLimitModule,
        // Verdicts count in the verified key's usage, in Latchkey and in-process.
        UsageRecorderModule,
      ],
      providers: [
        {
          provide: KeyStateCache,
          inject: [keyCacheConfig.KEY, rateLimitConfig.KEY, ChangesService, MetricsService],
          useFactory: (
            cache: ConfigType<typeof keyCacheConfig>,
            rateLimit: ConfigType<typeof rateLimitConfig>,
            changes: ChangesService,
            metrics: MetricsService,
          ) => {
            const deaf = changesMade === 'elsewhere' && !rateLimit.redisUrl;
            return new KeyStateCache(deaf ? { ...cache, ttlS: 0 } : cache, changes, metrics);
          },
        },
        KeyVerificationService,
        KeyAuthenticationService,
        KeyTokensService,
        LastUsedRecorder,
        CryptoRepository,
      ],
      exports: [
        KeyVerificationService,
        KeyAuthenticationService,
        KeyTokensService,
        LastUsedRecorder,
      ],
    };
  }
}
