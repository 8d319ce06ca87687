import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { rateLimited, setRateLimitHeaders, type HeaderSink } from '@latchkey/guard/shared';
import { rateLimitConfig } from '../config/configuration';
import type { KeyTier } from '../domain/key-tier';
import { RedisConnection } from '../redis/redis-connection';
import { counterKey, limitFor, type RateLimitSubject } from './rate-limit-subject';

// The headers and the 429 are the guard package's, so both answer alike.
export { rateLimited, setRateLimitHeaders, type HeaderSink };

/** One request's place in its budget; `reset` is in seconds, as in X-RateLimit-Reset. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  reset: number;
}

/** The throttler name the counters are stored under: @nestjs/throttler's default. */
export const THROTTLER_NAME = 'default';

/**
 * The throttler stores block a spent key for `blockDuration`; ours ask for
 * 1 ms (the least Redis accepts) so that a spent budget lasts exactly until
 * its window ends, as X-RateLimit-Reset says, and not a whole window beyond.
 */
const BLOCK_MS = 1;

/**
 * Counts requests against a key's tier limit or a client address's anonymous
 * limit, in the throttler storage (process memory, or Redis shared by every
 * instance). Fails open: when the store cannot be reached the request is not
 * counted and the decision is `null`.
 */
@Injectable()
export class RateLimitService {
  constructor(
    @Inject(rateLimitConfig.KEY) private readonly config: ConfigType<typeof rateLimitConfig>,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly redis: RedisConnection,
  ) {}

  get windowMs(): number {
    return this.config.windowS * 1000;
  }

  /**
   * Counts one use of a key against its tier's budget, e.g. for
   * `POST /keys/verify`; the caller reads the tier fresh from the database.
   * `null` when the counters are unreachable and the use went uncounted.
   */
  consumeForKey(key: { id: string; tier: KeyTier }): Promise<RateLimitDecision | null> {
    return this.consume({ kind: 'key', id: key.id, tier: key.tier });
  }

  /** Counts one request without a valid key against its client address's budget. */
  consumeForIp(ip: string): Promise<RateLimitDecision | null> {
    return this.consume({ kind: 'ip', ip });
  }

  private async consume(subject: RateLimitSubject): Promise<RateLimitDecision | null> {
    const limit = limitFor(subject, this.config);
    let totalHits: number;
    let timeToExpire: number;
    try {
      ({ totalHits, timeToExpire } = await this.storage.increment(
        counterKey(subject),
        this.windowMs,
        limit,
        BLOCK_MS,
        THROTTLER_NAME,
      ));
    } catch (error) {
      this.redis.outage.failed(error);
      return null;
    }
    this.redis.outage.recovered();
    return {
      allowed: totalHits <= limit,
      limit,
      remaining: Math.max(0, limit - totalHits),
      reset: timeToExpire,
    };
  }

  /**
   * Counts a request, puts the X-RateLimit-* headers on its reply and throws
   * 429 `rate_limited` once the budget is spent.
   */
  async enforce(subject: RateLimitSubject, reply: HeaderSink): Promise<void> {
    const decision = await this.consume(subject);
    if (!decision) return;
    setRateLimitHeaders(reply, decision);
    if (!decision.allowed) throw rateLimited(decision.reset);
  }
}
