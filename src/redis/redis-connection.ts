import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { OutageLog } from './outage-log';
import { redisConfig } from './redis.config';

/** How long start-up waits for Redis before serving without it (fail open). */
const CONNECT_WAIT_MS = 2000;
/** A request waits at most this long for its counter before going through uncounted. */
const COMMAND_TIMEOUT_MS = 500;

/**
 * The one Redis connection of the service when REDIS_URL is set (`client` is
 * undefined otherwise): rate-limit counters, the bus of changes and the
 * health check share it. Commands fail at once while it is down
 * instead of queueing, so that an outage never holds requests up; ioredis
 * keeps reconnecting in the background. Options in the URL's query string
 * (e.g. `?keyPrefix=latchkey:`) reach ioredis as they are.
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  readonly client?: Redis;
  // Logged as before under RateLimit: an outage means requests go uncounted.
  readonly outage = new OutageLog(new Logger('RateLimit'), 'Redis');

  constructor(@Inject(redisConfig.KEY) config: ConfigType<typeof redisConfig>) {
    if (!config.url) return;
    this.client = new Redis(config.url, {
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
