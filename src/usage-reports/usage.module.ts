import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KeysModule } from '../keys/keys.module';
import { KeyUsage } from '../usage/key-usage.entity';
import { UsageRetentionService } from '../usage/usage-retention.service';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/** The routes that read key usage and its pruning; counting it is UsageRecorderModule's. */
@Module({
  imports: [TypeOrmModule.forFeature([KeyUsage]), KeysModule],
  controllers: [UsageController],
  providers: [UsageService, UsageRetentionService],
})
export class UsageModule {}
