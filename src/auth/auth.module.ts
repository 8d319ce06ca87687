import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { KeysModule } from '../keys/keys.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { UsersModule } from '../users/users.module';
import { ApiKeyAuthGuard } from './api-key-auth.guard';
import { BootstrapService } from './bootstrap.service';
import { MeController } from './me.controller';
import { RootKeyService } from './root-key.service';

@Module({
  imports: [KeysModule, UsersModule, PermissionsModule, HealthModule, RateLimitModule],
  controllers: [MeController],
  providers: [ApiKeyAuthGuard, RootKeyService, BootstrapService],
  exports: [ApiKeyAuthGuard],
})
export class AuthModule {}
