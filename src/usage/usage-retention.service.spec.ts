import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { LessThan } from 'typeorm';
import { KeyUsage } from './key-usage.entity';
import { UsageRetentionService } from './usage-retention.service';
import { usageConfig } from './usage.config';

const NOW = new Date('2026-12-07T12:00:00Z');

/** The service keeping 30 days, over a usage table that records each delete's condition. */
async function retention(result: { affected?: number } | Error = { affected: 3 }) {
  const deletes: unknown[] = [];
  const usage = {
    delete: (where: unknown) => {
      deletes.push(where);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
  };
  const moduleRef = await Test.createTestingModule({
    providers: [
      UsageRetentionService,
      { provide: usageConfig.KEY, useValue: { retentionDays: 30 } },
      { provide: getRepositoryToken(KeyUsage), useValue: usage },
    ],
  }).compile();
  moduleRef.useLogger(false);
  return { service: moduleRef.get(UsageRetentionService), deletes };
}

describe('UsageRetentionService', () => {
  afterEach(() => jest.useRealTimers());

  it('deletes the hours older than the retention, saying how many rows went', async () => {
    const { service, deletes } = await retention({ affected: 3 });
    await expect(service.prune(NOW)).resolves.toBe(3);
    expect(deletes).toEqual([{ hour: LessThan(new Date('2026-11-07T12:00:00Z')) }]);
  });

  it('counts 0 when the driver does not say how many rows went', async () => {
    const { service } = await retention({});
    await expect(service.prune(NOW)).resolves.toBe(0);
  });

  it('prunes once an hour after start-up, and no more after shutdown', async () => {
    jest.useFakeTimers({ now: NOW });
    const { service, deletes } = await retention();
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(59 * 60_000);
    expect(deletes).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(2 * 60 * 60_000);
    expect(deletes).toEqual([
      { hour: LessThan(new Date('2026-11-07T13:00:00Z')) },
      { hour: LessThan(new Date('2026-11-07T14:00:00Z')) },
    ]);
    service.onApplicationShutdown();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('survives a failed background prune and tries again the next hour', async () => {
    jest.useFakeTimers({ now: NOW });
    const { service, deletes } = await retention(new Error('database gone'));
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(2 * 60 * 60_000);
    expect(deletes).toHaveLength(2);
    service.onApplicationShutdown();
  });
});
