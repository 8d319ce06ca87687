import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { rateLimited, setRateLimitHeaders, type HeaderSink } from '@latchkey/guard/shared';
import type { KeyTier } from '../domain/key-tier';
import { RedisConnection } from '../redis/redis-connection';
import { BoundedMemoryStorage } from './bounded-memory.storage';
import { counterKey, limitFor, type RateLimitSubject } from './rate-limit-subject';
import { rateLimitConfig } from './rate-limit.config';

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
 * Neither storage blocks a spent key beyond its window (both count in fixed
 * windows and ignore `blockDuration`): a spent budget lasts exactly until
 * its window ends, as X-RateLimit-Reset says.
 */
const NO_BLOCK_MS = 0;

/** What a counter says after a hit, as @nestjs/throttler's storages return it. */
type CounterRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Counts requests against a key's tier limit or a client address's anonymous
 * limit, in the throttler storage (process memory, or Redis shared by every
 * instance). Fails open: when the store cannot be reached the request is not
 * counted and the decision is `null`. Counted in process memory, a decision
 * comes at once, without a promise (the request path, BENCHMARKS.md).
 */
@Injectable()
export class RateLimitService {
  private readonly memory?: BoundedMemoryStorage;

  constructor(
    @Inject(rateLimitConfig.KEY) private readonly config: ConfigType<typeof rateLimitConfig>,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly redis: RedisConnection,
  ) {
    if (storage instanceof BoundedMemoryStorage) this.memory = storage;
  }

  get windowMs(): number {
    return this.config.windowS * 1000;
  }

  /**
   * Counts one use of a key against its tier's budget, e.g. for
   * `POST /keys/verify`; the caller reads the tier fresh from the database.
   * `null` when the counters are unreachable and the use went uncounted.
   */
  consumeForKey(key: { id: string; tier: KeyTier }): Promise<RateLimitDecision | null> {
    return Promise.resolve(this.consume({ kind: 'key', id: key.id, tier: key.tier }));
  }

  /** Counts one request without a valid key against its client address's budget. */
  consumeForIp(ip: string): Promise<RateLimitDecision | null> {
    return Promise.resolve(this.consume({ kind: 'ip', ip }));
  }

  /**
   * Counts a request, puts the X-RateLimit-* headers on its reply and throws
   * 429 `rate_limited` once the budget is spent.
   */
  enforce(subject: RateLimitSubject, reply: HeaderSink): void | Promise<void> {
    const decision = this.consume(subject);
    if (decision instanceof Promise) return decision.then((counted) => apply(counted, reply));
    apply(decision, reply);
  }

  private consume(
    subject: RateLimitSubject,
  ): RateLimitDecision | null | Promise<RateLimitDecision | null> {
    const limit = limitFor(subject, this.config);
    const key = counterKey(subject);
    if (this.memory) return decide(this.memory.hit(key, this.windowMs, limit), limit);
    return this.storage.increment(key, this.windowMs, limit, NO_BLOCK_MS, THROTTLER_NAME).then(
      (record) => {
        this.redis.outage.recovered();
        return decide(record, limit);
      },
      (error: unknown) => {
        this.redis.outage.failed(error);
        return null;
      },
    );
  }
}

function decide({ totalHits, timeToExpire }: CounterRecord, limit: number): RateLimitDecision {
  return {
    allowed: totalHits <= limit,
    limit,
    remaining: Math.max(0, limit - totalHits),
    reset: timeToExpire,
  };
}

/** Headers for a counted request, and 429 when its budget is spent; nothing when uncounted. */
function apply(decision: RateLimitDecision | null, reply: HeaderSink): void {
  if (!decision) return;
  setRateLimitHeaders(reply, decision);
  if (!decision.allowed) throw rateLimited(decision.reset);
}
