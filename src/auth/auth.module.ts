import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { KeysModule } from '../keys/keys.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { ApiKeyAuthGuard } from './api-key-auth.guard';
import { MeController } from './me.controller';

@Module({
  imports: [KeysModule, PermissionsModule, HealthModule, RateLimitModule],
  controllers: [MeController],
  providers: [ApiKeyAuthGuard],
  exports: [ApiKeyAuthGuard],
})
export class AuthModule {}
