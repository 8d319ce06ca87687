import { Module } from '@nestjs/common';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import { BoundedMemoryStorage } from './bounded-memory.storage';
import { FixedWindowRedisStorage } from './fixed-window-redis.storage';
import { RedisConnection } from '../redis/redis-connection';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitService } from './rate-limit.service';
import { RedisModule } from '../redis/redis.module';

/** The counters, in fixed windows: in Redis when REDIS_URL is set, in process memory otherwise. */
function counterStorage(redis: RedisConnection): ThrottlerStorage {
  return redis.client ? new FixedWindowRedisStorage(redis.client) : new BoundedMemoryStorage();
}

/**
 * Per-key and per-address rate limits (SPEC section 5), counted in
 * @nestjs/throttler's storage. Register RateLimitGuard as a global guard
 * after authentication; other modules count uses through RateLimitService.
 */
@Module({
  imports: [RedisModule],
  providers: [
    { provide: getStorageToken(), inject: [RedisConnection], useFactory: counterStorage },
    RateLimitService,
    RateLimitGuard,
  ],
  exports: [RateLimitService, RateLimitGuard],
})
export class RateLimitModule {}
