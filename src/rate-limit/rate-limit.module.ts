import { Module } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import { BoundedMemoryStorage } from './bounded-memory.storage';
import { RateLimitRedis } from './rate-limit-redis';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitService } from './rate-limit.service';
import { RateLimitStoreModule } from './rate-limit-store.module';

/** The counters: in Redis when REDIS_URL is set, in bounded process memory otherwise. */
function counterStorage(redis: RateLimitRedis): ThrottlerStorage {
  return redis.client ? new ThrottlerStorageRedisService(redis.client) : new BoundedMemoryStorage();
}

/**
 * Per-key and per-address rate limits (SPEC section 5), counted in
 * @nestjs/throttler's storage. Register RateLimitGuard as a global guard
 * after authentication; other modules count uses through RateLimitService.
 */
@Module({
  imports: [RateLimitStoreModule],
  providers: [
    { provide: getStorageToken(), inject: [RateLimitRedis], useFactory: counterStorage },
    RateLimitService,
    RateLimitGuard,
  ],
  exports: [RateLimitService, RateLimitGuard, RateLimitStoreModule],
})
export class RateLimitModule {}
