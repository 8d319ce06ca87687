import { BoundedMemoryStorage } from './bounded-memory.storage';

const WINDOW_MS = 60_000;

describe('BoundedMemoryStorage', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => (clock = 1_000_000));

  it('counts hits in a fixed window and reports the seconds left in it', async () => {
    const storage = new BoundedMemoryStorage(10, now);
    expect(await storage.increment('key:a', WINDOW_MS, 2)).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    clock += 15_500;
    await storage.increment('key:a', WINDOW_MS, 2);
    expect(await storage.increment('key:a', WINDOW_MS, 2)).toEqual({
      totalHits: 3,
      timeToExpire: 45,
      isBlocked: true,
      timeToBlockExpire: 45,
    });
  });

  it('starts a new window once the old one has ended', async () => {
    const storage = new BoundedMemoryStorage(10, now);
    for (let i = 0; i < 3; i++) await storage.increment('key:a', WINDOW_MS, 2);
    clock += WINDOW_MS;
    expect(await storage.increment('key:a', WINDOW_MS, 2)).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('keeps counters apart', async () => {
    const storage = new BoundedMemoryStorage(10, now);
    await storage.increment('key:a', WINDOW_MS, 5);
    expect(await storage.increment('key:b', WINDOW_MS, 5)).toMatchObject({ totalHits: 1 });
  });

  it('stays within its bound when a million different clients pass by', async () => {
    const storage = new BoundedMemoryStorage(1000, now);
    for (let i = 0; i < 1_000_000; i++) {
      await storage.increment(`ip:${i}`, WINDOW_MS, 60);
      if (i % 1000 === 0) clock += 1;
    }
    expect(storage.size).toBe(1000);
    // The newest clients are still counted.
    expect(await storage.increment('ip:999999', WINDOW_MS, 60)).toMatchObject({ totalHits: 2 });
  });

  it("never starts a key's budget again for a flood of addresses: each kind has its own bound", () => {
    const storage = new BoundedMemoryStorage(100, now);
    for (let i = 0; i < 4; i++) storage.hit('key:spent', WINDOW_MS, 4);
    for (let i = 0; i < 10_000; i++) storage.hit(`ip:2001:db8:${i.toString(16)}::`, WINDOW_MS, 60);
    expect(storage.size).toBe(101);
    expect(storage.hit('key:spent', WINDOW_MS, 4)).toMatchObject({ totalHits: 5, isBlocked: true });
  });

  it('drops expired counters before live ones', async () => {
    const storage = new BoundedMemoryStorage(3, now);
    await storage.increment('ip:old', WINDOW_MS, 60);
    clock += WINDOW_MS;
    await storage.increment('ip:a', WINDOW_MS, 60);
    await storage.increment('ip:b', WINDOW_MS, 60);
    await storage.increment('ip:c', WINDOW_MS, 60);
    expect(storage.size).toBe(3);
    expect(await storage.increment('ip:a', WINDOW_MS, 60)).toMatchObject({ totalHits: 2 });
  });
});
