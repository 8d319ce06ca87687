import { Module } from '@nestjs/common';
import { RedisConnection } from './redis-connection';

/**
 * The Redis connection, owned here and shared by the rate-limit counters, the
 * bus of changes (and through it the key cache) and the health check.
 */
@Module({
  providers: [RedisConnection],
  exports: [RedisConnection],
})
export class RedisModule {}
