import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { KeyUsage } from './key-usage.entity';
import { DAY_MS, HOUR_MS } from './usage-range';
import { usageConfig } from './usage.config';

/**
 * Deletes usage rows older than USAGE_RETENTION_DAYS, once an hour in the
 * background (each instance; a second delete finds nothing).
 */
@Injectable()
export class UsageRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UsageRetentionService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(usageConfig.KEY) private readonly config: ConfigType<typeof usageConfig>,
    @InjectRepository(KeyUsage) private readonly usage: Repository<KeyUsage>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pruneInBackground(), HOUR_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes the hours that ended more than the retention before `now`; how many rows went. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.retentionDays * DAY_MS);
    const result = await this.usage.delete({ hour: LessThan(cutoff) });
    return result.affected ?? 0;
  }

  private async pruneInBackground(): Promise<void> {
    try {
      await this.prune();
    } catch (error) {
      this.logger.warn(`Could not delete old key usage: ${(error as Error).message}`);
    }
  }
}
