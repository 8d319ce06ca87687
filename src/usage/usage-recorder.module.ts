import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KeyUsage } from './key-usage.entity';
import { UsageRecorder } from './usage.recorder';

/**
 * Counting key usage: what the request path and key verification need (in
 * Latchkey and in the in-process guard), without the routes that read it
 * and the pruning (UsageModule, Latchkey's only, above the keys module).
 */
@Module({
  imports: [TypeOrmModule.forFeature([KeyUsage])],
  providers: [UsageRecorder],
  exports: [UsageRecorder],
})
export class UsageRecorderModule {}
