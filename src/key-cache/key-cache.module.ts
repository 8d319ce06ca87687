import { Module } from '@nestjs/common';
import { RateLimitStoreModule } from '../rate-limit/rate-limit-store.module';
import { KeyStateCache } from './key-state.cache';

/**
 * The cache of verified key state. Its own module because both the keys and
 * the users modules must empty it when they change something.
 */
@Module({
  imports: [RateLimitStoreModule],
  providers: [KeyStateCache],
  exports: [KeyStateCache],
})
export class KeyCacheModule {}
