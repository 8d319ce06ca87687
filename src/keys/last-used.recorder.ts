import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { keysConfig } from '../config/configuration';
import { DatabaseService } from '../database/database.service';
import { ApiKey } from './api-key.entity';

interface Use {
  at: Date;
  /** Null when a verification named no client address. */
  ip: string | null;
}

/**
 * Remembers each key's latest use in memory and writes them in one batch at
 * most once per LAST_USED_WRITE_INTERVAL_S, so load never turns reads into
 * writes and no request waits on one. Pending uses are flushed at shutdown.
 */
@Injectable()
export class LastUsedRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LastUsedRecorder.name);
  private pending = new Map<string, Use>();
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(keysConfig.KEY) private readonly config: ConfigType<typeof keysConfig>,
    private readonly database: DatabaseService,
  ) {}

  record(keyId: string, ip: string, at = new Date()): void {
    this.pending.set(keyId, { at, ip: ip || null });
    this.scheduleFlush();
  }

  /** A use not yet written, so that responses show it before the next flush. */
  pendingUse(keyId: string): Use | undefined {
    return this.pending.get(keyId);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    try {
      await this.database.transaction(async (manager) => {
        for (const [id, use] of batch) {
          await manager.update(ApiKey, { id }, { lastUsed: use.at, lastUsedIp: use.ip });
        }
      });
    } catch (error) {
      // Keep what failed for the next flush unless a newer use replaced it.
      for (const [id, use] of batch) if (!this.pending.has(id)) this.pending.set(id, use);
      this.logger.warn(
        `Could not record last use of ${batch.size} keys: ${(error as Error).message}`,
      );
      this.scheduleFlush();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.config.lastUsedWriteIntervalS * 1000);
    this.timer.unref();
  }
}
