import { ReadinessService } from './readiness.service';

describe('ReadinessService', () => {
  it('is not ready until marked so, then resolves whenReady', async () => {
    const readiness = new ReadinessService();
    expect(readiness.isReady).toBe(false);
    readiness.markReady();
    expect(readiness.isReady).toBe(true);
    await expect(readiness.whenReady()).resolves.toBeUndefined();
  });

  it('lets a caller that waited before start-up finished see it finish', async () => {
    const readiness = new ReadinessService();
    const waiting = readiness.whenReady();
    readiness.markReady();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('rejects whenReady with the start-up failure, and stays not ready', async () => {
    const readiness = new ReadinessService();
    const failure = new Error('root key file is not readable');
    readiness.markFailed(failure);
    expect(readiness.isReady).toBe(false);
    await expect(readiness.whenReady()).rejects.toBe(failure);
  });

  it('raises no unhandled rejection when nobody waits for a failed start-up', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      new ReadinessService().markFailed(new Error('failed'));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
