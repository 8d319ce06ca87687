import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module';
import { KeyStateCache } from './key-state.cache';

/** The cache of verified key state, kept current by the bus of changes. */
@Module({
  imports: [ChangesModule],
  providers: [KeyStateCache],
  exports: [KeyStateCache],
})
export class KeyCacheModule {}
