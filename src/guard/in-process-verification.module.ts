import {
  type DynamicModule,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { configureApp } from '../config/config.module';
import { CONFIG_NAMESPACES } from '../configuration';
import { DatabaseModule } from '../database/database.module';
import { KeyVerificationModule } from '../keys/key-verification.module';
import { MetricsModule } from '../metrics/metrics.module';

/**
 * Connects to Latchkey's database without migrating it (Latchkey owns the
 * schema), and again on the next verification while it cannot. TypeORM's
 * module closes it at shutdown, after the last use of a key is written.
 */
@Injectable()
export class SharedDatabaseConnection implements OnApplicationBootstrap {
  private readonly logger = new Logger('LatchkeyGuard');
  private connecting?: Promise<void>;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureConnected().catch((error: Error) =>
      this.logger.warn(`Latchkey's database is unreachable (${error.message}): answering 503.`),
    );
  }

  ensureConnected(): Promise<void> {
    if (this.dataSource.isInitialized) return Promise.resolve();
    this.connecting ??= this.dataSource
      .initialize()
      .then(() => undefined)
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }
}

/**
 * Latchkey's own verification (KeyVerificationModule, as KeysModule serves
 * it) wired to Latchkey's configuration and database, without Latchkey's
 * controllers. Latchkey announces its changes to other processes only over
 * Redis: without REDIS_URL this process keeps no key cache.
 */
@Module({
  imports: [
    DatabaseModule,
    MetricsModule,
    KeyVerificationModule.register({ changesMade: 'elsewhere' }),
  ],
  providers: [SharedDatabaseConnection],
  exports: [KeyVerificationModule, SharedDatabaseConnection],
})
export class InProcessVerificationModule {
  /** With Latchkey's configuration of `variables`, validated once (a bad one rejects). */
  static async forRoot(variables: NodeJS.ProcessEnv): Promise<DynamicModule> {
    const { module: config } = await configureApp(variables, CONFIG_NAMESPACES);
    return { module: InProcessVerificationModule, imports: [config] };
  }
}
