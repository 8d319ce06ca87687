import {
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ConfigType } from '@nestjs/config';
import { ChangesModule } from '../changes/changes.module';
import { ChangesService } from '../changes/changes.service';
import { AppConfigModule } from '../config/config.module';
import { keyCacheConfig, rateLimitConfig } from '../config/configuration';
import { DatabaseModule } from '../database/database.module';
import { ApiKey } from '../keys/api-key.entity';
import { CryptoRepository } from '../keys/crypto.repository';
import { KeyStateCache } from '../key-cache/key-state.cache';
import { KeyAuthenticationService } from '../keys/key-authentication.service';
import { KeyTokensService } from '../keys/key-tokens.service';
import { KeyVerificationService } from '../keys/key-verification.service';
import { LastUsedRecorder } from '../keys/last-used.recorder';
import { MetricsModule } from '../metrics/metrics.module';
import { MetricsService } from '../metrics/metrics.service';
import { PermissionsService } from '../permissions/permissions.service';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UsageRecorder } from '../usage/usage.recorder';

/**
 * Connects to Latchkey's database without migrating it (Latchkey owns the
 * schema), and again on the next verification while it cannot.
 */
@Injectable()
export class SharedDatabaseConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LatchkeyGuard');
  private connecting?: Promise<void>;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureConnected().catch((error: Error) =>
      this.logger.warn(`Latchkey's database is unreachable (${error.message}): answering 503.`),
    );
  }

  ensureConnected(): Promise<void> {
    if (this.dataSource.isInitialized) return Promise.resolve();
    this.connecting ??= this.dataSource
      .initialize()
      .then(() => undefined)
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Latchkey's own verification (`KeyVerificationService`: `decideKeyAccess`,
 * the effective-grants check and the key's rate-limit budget) wired to
 * Latchkey's database, without Latchkey's controllers: the providers of
 * KeysModule and PermissionsModule that verification needs, nothing else.
 */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    TypeOrmModule.forFeature([ApiKey]),
    RateLimitModule,
    MetricsModule,
    ChangesModule,
  ],
  providers: [
    {
      // Latchkey announces its changes only over Redis: without REDIS_URL this
      // process would never hear of them, so it keeps no cache of keys.
      provide: KeyStateCache,
      inject: [keyCacheConfig.KEY, rateLimitConfig.KEY, ChangesService, MetricsService],
      useFactory: (
        cache: ConfigType<typeof keyCacheConfig>,
        rateLimit: ConfigType<typeof rateLimitConfig>,
        changes: ChangesService,
        metrics: MetricsService,
      ) => new KeyStateCache(rateLimit.redisUrl ? cache : { ...cache, ttlS: 0 }, changes, metrics),
    },
    KeyVerificationService,
    KeyAuthenticationService,
    KeyTokensService,
    LastUsedRecorder,
    // Verdicts count in the verified key's usage, as through POST /keys/verify.
    UsageRecorder,
    CryptoRepository,
    PermissionsService,
    SharedDatabaseConnection,
  ],
  exports: [KeyVerificationService, SharedDatabaseConnection],
})
export class InProcessVerificationModule {}
