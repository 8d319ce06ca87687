import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ChangesController } from '../changes/changes.controller';
import { ChangesModule } from '../changes/changes.module';
import { KeyCacheModule } from '../key-cache/key-cache.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UsageRecorderModule } from '../usage/usage-recorder.module';
import { UsersModule } from '../users/users.module';
import { ApiKey } from './api-key.entity';
import { CryptoRepository } from './crypto.repository';
import { KeyVerificationController } from './key-verification.controller';
import { KeyVerificationService } from './key-verification.service';
import { KeysController } from './keys.controller';
import { KeyCleanupService } from './key-cleanup.service';
import { KeyAuthenticationService } from './key-authentication.service';
import { KeyTokensService } from './key-tokens.service';
import { KeysService } from './keys.service';
import { RootKeyRegistrar } from './root-key.registrar';
import { LastUsedRecorder } from './last-used.recorder';

@Module({
  imports: [
    TypeOrmModule.forFeature([ApiKey]),
    AuditModule,
    KeyCacheModule,
    ChangesModule,
    UsersModule,
    PermissionsModule,
    RateLimitModule,
    UsageRecorderModule,
  ],
  controllers: [KeysController, KeyVerificationController, ChangesController],
  providers: [
    KeysService,
    KeyTokensService,
    KeyAuthenticationService,
    RootKeyRegistrar,
    KeyCleanupService,
    KeyVerificationService,
    LastUsedRecorder,
    CryptoRepository,
  ],
  exports: [KeysService, KeyTokensService, KeyAuthenticationService, RootKeyRegistrar],
})
export class KeysModule {}
