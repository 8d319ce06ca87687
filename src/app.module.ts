import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AppController } from './app.controller';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { RequestGuard } from './auth/request.guard';
import { BenchBaselineModule } from './bench/bench-baseline.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { createValidationPipe } from './common/validation';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { KeysModule } from './keys/keys.module';
import { MetricsModule } from './metrics/metrics.module';
import { PermissionsModule } from './permissions/permissions.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { UsageModule } from './usage/usage.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    AppConfigModule,
    MetricsModule,
    DatabaseModule,
    HealthModule,
    AuditModule,
    UsersModule,
    PermissionsModule,
    KeysModule,
    AuthModule,
    RateLimitModule,
    UsageModule,
    // Read when this file is first imported, not when the app is created:
    // set BENCH_BASELINE=1 in the environment before the process starts (as
    // `npm run bench` does). Only the benchmark sets it.
    ...(process.env.BENCH_BASELINE === '1' ? [BenchBaselineModule] : []),
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
export class AppModule {}
