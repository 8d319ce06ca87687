import type { ThrottlerStorage } from '@nestjs/throttler';
import { KeyTier } from '../domain/key-tier';
import { BoundedMemoryStorage } from './bounded-memory.storage';
import type { RedisConnection } from '../redis/redis-connection';
import { RateLimitService } from './rate-limit.service';
import { OutageLog } from '../redis/outage-log';

const config = {
  limits: { standard: 2, premium: 3, enterprise: 4 },
  anonymous: 1,
  windowS: 60,
  redisUrl: undefined,
};

function serviceWith(storage: ThrottlerStorage) {
  const logger = { warn: jest.fn(), log: jest.fn() };
  const redis = { outage: new OutageLog(logger, 'Redis') } as unknown as RedisConnection;
  return { service: new RateLimitService(config, storage, redis), logger };
}

describe('RateLimitService', () => {
  it('consumeForKey counts a key against its tier and reports what is left', async () => {
    const { service } = serviceWith(new BoundedMemoryStorage());
    const key = { id: 'k1', tier: KeyTier.Standard };
    expect(await service.consumeForKey(key)).toEqual({
      allowed: true,
      limit: 2,
      remaining: 1,
      reset: 60,
    });
    await service.consumeForKey(key);
    expect(await service.consumeForKey(key)).toEqual({
      allowed: false,
      limit: 2,
      remaining: 0,
      reset: 60,
    });
  });

  it('consumeForIp uses the anonymous limit', async () => {
    const { service } = serviceWith(new BoundedMemoryStorage());
    expect(await service.consumeForIp('203.0.113.7')).toMatchObject({ allowed: true, limit: 1 });
    expect(await service.consumeForIp('203.0.113.7')).toMatchObject({ allowed: false });
  });

  it('fails open: an unreachable store means an uncounted use and one warning', async () => {
    const down: ThrottlerStorage = {
      increment: () => Promise.reject(new Error('Connection is closed.')),
    };
    const { service, logger } = serviceWith(down);
    for (let i = 0; i < 5; i++) {
      expect(await service.consumeForKey({ id: 'k1', tier: KeyTier.Premium })).toBeNull();
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
