import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KeyUsage } from './key-usage.entity';
import { UsageRecorder } from './usage.recorder';
import { UsageRetentionService } from './usage-retention.service';

/**
 * Counting and keeping key usage: what the request path and the key
 * verification need, without the routes that read it (UsageModule), which
 * depend on the keys module.
 */
@Module({
  imports: [TypeOrmModule.forFeature([KeyUsage])],
  providers: [UsageRecorder, UsageRetentionService],
  exports: [UsageRecorder, UsageRetentionService],
})
export class UsageRecorderModule {}
