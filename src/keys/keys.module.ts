import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ChangesController } from '../changes/changes.controller';
import { ChangesModule } from '../changes/changes.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UsersModule } from '../users/users.module';
import { ApiKey } from './api-key.entity';
import { KeyVerificationController } from './key-verification.controller';
import { KeyVerificationModule } from './key-verification.module';
import { KeysController } from './keys.controller';
import { KeyCleanupService } from './key-cleanup.service';
import { KeyCreationService } from './key-creation.service';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

/** The keys' routes; verification itself is KeyVerificationModule's, served here. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ApiKey]),
    KeyVerificationModule.register({ changesMade: 'here' }),
    AuditModule,
    ChangesModule,
    UsersModule,
    PermissionsModule,
    RateLimitModule,
  ],
  controllers: [KeysController, KeyVerificationController, ChangesController],
  providers: [KeysService, KeyCreationService, KeysRepository, KeyCleanupService],
  exports: [KeyVerificationModule, KeysService],
})
export class KeysModule {}
