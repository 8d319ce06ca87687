import { DeferredFlush } from './deferred-flush';

describe('DeferredFlush', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('flushes once, the delay after the first schedule, however often scheduled', () => {
    const flush = jest.fn(() => Promise.resolve());
    const later = new DeferredFlush(flush, 60);
    later.schedule();
    jest.advanceTimersByTime(30_000);
    later.schedule();
    jest.advanceTimersByTime(29_999);
    expect(flush).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('forgets a cancelled flush, and schedules anew after it', () => {
    const flush = jest.fn(() => Promise.resolve());
    const later = new DeferredFlush(flush, 1);
    later.schedule();
    later.cancel();
    jest.advanceTimersByTime(5_000);
    expect(flush).not.toHaveBeenCalled();
    later.schedule();
    jest.advanceTimersByTime(1_000);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
