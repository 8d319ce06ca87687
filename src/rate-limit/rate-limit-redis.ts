import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { rateLimitConfig } from '../config/configuration';
import { OutageLog } from './outage-log';

/** How long start-up waits for Redis before serving without it (fail open). */
const CONNECT_WAIT_MS = 2000;
/** A request waits at most this long for its counter before going through uncounted. */
const COMMAND_TIMEOUT_MS = 500;

/**
 * The Redis connection that holds the counters when REDIS_URL is set
 * (`client` is undefined otherwise). Commands fail at once while it is down
 * instead of queueing, so that an outage never holds requests up; ioredis
 * keeps reconnecting in the background. Options in the URL's query string
 * (e.g. `?keyPrefix=latchkey:`) reach ioredis as they are.
 */
@Injectable()
export class RateLimitRedis implements OnModuleInit, OnApplicationShutdown {
  readonly client?: Redis;
  readonly outage = new OutageLog(new Logger('RateLimit'), 'Redis');

  constructor(@Inject(rateLimitConfig.KEY) config: ConfigType<typeof rateLimitConfig>) {
    if (!config.redisUrl) return;
    this.client = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
    });
    this.client.on('error', (error) => this.outage.failed(error));
    this.client.on('ready', () => this.outage.recovered());
  }

  /** Waits briefly for the first connection, so that counting starts with the first request. */
  async onModuleInit(): Promise<void> {
    const client = this.client;
    if (!client || client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        client.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, CONNECT_WAIT_MS);
      client.once('ready', done);
    });
  }

  onApplicationShutdown(): void {
    this.client?.disconnect(false);
  }

  /** For the health check: undefined when Redis is not used. */
  async isReachable(): Promise<boolean | undefined> {
    if (!this.client) return undefined;
    try {
      await this.client.ping();
      return true;
    } catch {
      return false;
    }
  }
}
