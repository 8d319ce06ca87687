import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseService } from '../database/database.service';
import { ReadinessService } from '../health/readiness.service';
import { FatalStartupError, RootKeyService } from './root-key.service';

const RETRY_DELAY_MS = 1000;

/**
 * Brings the service up in the background while it already listens: connect
 * and migrate the database, then put the root key in place, retrying until
 * the database is there. Protected routes answer 503 until then.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Bootstrap');
  private readonly shutdown = new AbortController();

  constructor(
    private readonly database: DatabaseService,
    private readonly rootKey: RootKeyService,
    private readonly readiness: ReadinessService,
  ) {}

  onApplicationBootstrap(): void {
    void this.bringUp();
  }

  onApplicationShutdown(): void {
    this.shutdown.abort();
  }

  private async bringUp(): Promise<void> {
    for (let attempt = 1; !this.shutdown.signal.aborted; attempt++) {
      try {
        await this.database.connectAndMigrate();
        await this.rootKey.ensureRootKey();
        this.readiness.markReady();
        return;
      } catch (error) {
        if (error instanceof FatalStartupError) return this.readiness.markFailed(error);
        if (attempt === 1 || attempt % 30 === 0) {
          this.logger.warn(
            `Database not ready (attempt ${attempt}): ${(error as Error).message}; retrying`,
          );
        }
        await sleep(RETRY_DELAY_MS, undefined, { signal: this.shutdown.signal }).catch(
          () => undefined,
        );
      }
    }
  }
}
