import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AppController } from './app.controller';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { RequestGuard } from './auth/request.guard';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { createValidationPipe } from './common/validation';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { KeysModule } from './keys/keys.module';
import { MetricsModule } from './metrics/metrics.module';
import { PermissionsModule } from './permissions/permissions.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { StartupModule } from './startup/startup.module';
import { UsageModule } from './usage-reports/usage.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    MetricsModule,
    DatabaseModule,
    HealthModule,
    AuditModule,
    UsersModule,
    PermissionsModule,
    KeysModule,
    AuthModule,
    StartupModule,
    RateLimitModule,
    UsageModule,
  ],
  controllers: [AppController],
  providers: [
    // Authentication, then the budget, then access: see RequestGuard.
    RequestGuard,
    { provide: APP_GUARD, useExisting: RequestGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class AppModule {
  /** The application with its configuration, from `configureApp` (see createApp). */
  static forRoot(config: DynamicModule): DynamicModule {
    return { module: AppModule, imports: [config] };
  }
}
