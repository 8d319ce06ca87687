import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KeysModule } from '../keys/keys.module';
import { KeyUsage } from './key-usage.entity';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/** The routes that read key usage; counting it is UsageRecorderModule's. */
@Module({
  imports: [TypeOrmModule.forFeature([KeyUsage]), KeysModule],
  controllers: [UsageController],
  providers: [UsageService],
})
export class UsageModule {}
