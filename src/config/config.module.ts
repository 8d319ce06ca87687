import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import {
  appConfig,
  databaseConfig,
  keyCacheConfig,
  keysConfig,
  metricsConfig,
  rateLimitConfig,
  redisConfig,
  scopesConfig,
  usageConfig,
} from './configuration';

/** Environment-only configuration (no .env file), validated when the app is created. */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [
        appConfig,
        databaseConfig,
        keysConfig,
        keyCacheConfig,
        scopesConfig,
        rateLimitConfig,
        redisConfig,
        metricsConfig,
        usageConfig,
      ],
    }),
  ],
})
export class AppConfigModule {}
