import { Test } from '@nestjs/testing';
import { DatabaseService } from '../database/database.service';
import { ReadinessService } from '../health/readiness.service';
import { BootstrapService } from './bootstrap.service';
import { FatalStartupError, RootKeyService } from './root-key.service';

/*
 * Jest's fake timers leave node:timers/promises alone, so the retry's sleep is
 * rebuilt on the global (faked) setTimeout, aborting as the real one does.
 */
jest.mock('node:timers/promises', () => ({
  setTimeout: (ms: number, value: unknown, { signal }: { signal?: AbortSignal } = {}) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(value), ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('The operation was aborted', 'AbortError'));
      });
    }),
}));

/**
 * BootstrapService with the real ReadinessService, a database that fails
 * `failures` connections before it is there, and a root key step that does
 * what `rootKey` says. Timers are fake: each retry waits one second.
 */
async function bootstrap(failures: number, rootKey: () => Promise<void> = () => Promise.resolve()) {
  let connections = 0;
  const database = {
    connectAndMigrate: () =>
      ++connections <= failures
        ? Promise.reject(new Error('connect ECONNREFUSED'))
        : Promise.resolve(),
  };
  const moduleRef = await Test.createTestingModule({
    providers: [
      BootstrapService,
      ReadinessService,
      { provide: DatabaseService, useValue: database },
      { provide: RootKeyService, useValue: { ensureRootKey: rootKey } },
    ],
  }).compile();
  moduleRef.useLogger(false);
  return {
    service: moduleRef.get(BootstrapService),
    readiness: moduleRef.get(ReadinessService),
    connections: () => connections,
  };
}

describe('BootstrapService', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is ready once the database and the root key are in place', async () => {
    const { service, readiness } = await bootstrap(0);
    service.onApplicationBootstrap();
    await readiness.whenReady();
    expect(readiness.isReady).toBe(true);
  });

  it('retries every second until the database is there', async () => {
    const { service, readiness, connections } = await bootstrap(3);
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(connections()).toBe(3);
    expect(readiness.isReady).toBe(false);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(connections()).toBe(4);
    expect(readiness.isReady).toBe(true);
  });

  it('stops on a FatalStartupError and reports it, without retrying', async () => {
    const fatal = new FatalStartupError('root key file is unreadable');
    let attempts = 0;
    const { service, readiness } = await bootstrap(0, () => {
      attempts++;
      return Promise.reject(fatal);
    });
    service.onApplicationBootstrap();
    await expect(readiness.whenReady()).rejects.toBe(fatal);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(attempts).toBe(1);
  });

  it('retries a root key step that fails for any other reason', async () => {
    let attempts = 0;
    const { service, readiness } = await bootstrap(0, () =>
      ++attempts === 1 ? Promise.reject(new Error('deadlock')) : Promise.resolve(),
    );
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(attempts).toBe(2);
    expect(readiness.isReady).toBe(true);
  });

  it('stops retrying at shutdown', async () => {
    const { service, readiness, connections } = await bootstrap(Infinity);
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1_500);
    service.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(connections()).toBe(2);
    expect(readiness.isReady).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });
});
