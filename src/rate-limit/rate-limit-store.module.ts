import { Module } from '@nestjs/common';
import { RateLimitRedis } from './rate-limit-redis';

/** The Redis connection, shared by the throttler's storage and the health check. */
@Module({
  providers: [RateLimitRedis],
  exports: [RateLimitRedis],
})
export class RateLimitStoreModule {}
