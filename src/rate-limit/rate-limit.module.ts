import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { rateLimitConfig } from '../config/configuration';
import { BoundedMemoryStorage } from './bounded-memory.storage';
import { RateLimitRedis } from './rate-limit-redis';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitService, THROTTLER_NAME } from './rate-limit.service';
import { limitFor, subjectOfContext } from './rate-limit-subject';
import { RateLimitStoreModule } from './rate-limit-store.module';

function throttlerOptions(
  config: ConfigType<typeof rateLimitConfig>,
  redis: RateLimitRedis,
): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: THROTTLER_NAME,
        ttl: config.windowS * 1000,
        // Resolved per request from the principal, never cached: a tier change applies at once.
        limit: (context) => limitFor(subjectOfContext(context), config),
      },
    ],
    storage: redis.client
      ? new ThrottlerStorageRedisService(redis.client)
      : new BoundedMemoryStorage(),
  };
}

/**
 * Per-key and per-address rate limits (SPEC section 5). Register
 * RateLimitGuard as a global guard after authentication; other modules count
 * uses through RateLimitService.
 */
@Module({
  imports: [
    RateLimitStoreModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStoreModule],
      inject: [rateLimitConfig.KEY, RateLimitRedis],
      useFactory: throttlerOptions,
    }),
  ],
  providers: [RateLimitService, RateLimitGuard],
  exports: [RateLimitService, RateLimitGuard, RateLimitStoreModule],
})
export class RateLimitModule {}
